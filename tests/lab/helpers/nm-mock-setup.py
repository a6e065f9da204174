"""Fills python3-dbusmock's NetworkManager template on a private bus: one Ethernet device (eth0) and an
activated VPN connection "Office VPN" on it, as NetworkManager's OpenVPN plugin shows one. Prints READY.
Usage: nm-mock-setup.py BUS_ADDRESS"""
import sys

import dbus

bus = dbus.bus.BusConnection(sys.argv[1])
nm = bus.get_object('org.freedesktop.NetworkManager', '/org/freedesktop/NetworkManager')
mock = dbus.Interface(nm, 'org.freedesktop.DBus.Mock')
dev = mock.AddEthernetDevice('mock_Ethernet1', 'eth0', 100)
settings = dbus.Interface(
    bus.get_object('org.freedesktop.NetworkManager', '/org/freedesktop/NetworkManager/Settings'),
    'org.freedesktop.NetworkManager.Settings',
)
conn = settings.AddConnection(dbus.Dictionary({
    'connection': dbus.Dictionary(
        {'id': 'Office VPN', 'uuid': '2f6c9a0e-1b2c-4d5e-8f90-a1b2c3d4e5f6', 'type': 'vpn'}, signature='sv'),
}, signature='sa{sv}'))
mock.AddActiveConnection([dev], conn, '/', 'Office', dbus.UInt32(2))
print('READY', flush=True)
