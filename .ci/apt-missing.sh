# Sourced by .ci/lab-deps.sh and .ci/deps-*.sh: installs the Debian packages a tier's real tools need, or
# says why not. Nothing to install: returns at once without touching apt. Not root: says what will skip
# and returns 0 (those tests skip with a printed reason, so CI setup does too).
#   apt_install_missing LABEL "what is there when nothing is missing" "what skips without root" PKG…
apt_install_missing() {
  local label=$1 present=$2 skips=$3
  shift 3
  if [ $# -eq 0 ]; then
    echo "$label: $present already present"
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "$label: not root, cannot install $*; $skips" >&2
    return 0
  fi
  echo "$label: installing $*"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "$@"
}
