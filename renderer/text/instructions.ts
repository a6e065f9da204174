/** Placeholder, filled in the next commit. */
export function powerCycleSteps(unplugSeconds: number): string[] {
  return [
    'This drops the internet connection for everyone on your network for up to a minute or two.',
    'Pull the power plug of your router (with a separate modem, unplug the modem too).',
    `Leave it unplugged for at least ${unplugSeconds} seconds, so your provider ends the old session.`,
    'Plug it back in and wait until its internet light is steady again.',
  ];
}
