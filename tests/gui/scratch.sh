# SPDX-License-Identifier: EUPL-1.2
# Sourced by the command-line and screenshot tests: a scratch folder,
# removed on exit, that also holds the app's data and config folders (the
# tests never touch the user's own), and a failure flag for check().
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config HOME=$work
fail=0
