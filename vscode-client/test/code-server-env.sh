# Sourced by setup.sh and run.sh: which code-server, and where it is installed.
CS_VERSION=4.100.3   # newest code-server on npm whose postinstall accepts Node 20
cs_dir="${FTLS_CODE_SERVER_DIR:-$HOME/.cache/ftls-vscode/code-server-$CS_VERSION}"
cs_bin="$cs_dir/node_modules/.bin/code-server"
