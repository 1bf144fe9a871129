# Helpers for the tests of `ehcp serve` (after lib.sh).

# start_server LOG ARGS...: `$EHCP ARGS...` in the background, its standard
# error in LOG; sets SRV_PID and PORT (it listens on port 0: any free one).
start_server() {
	local log=$1 i
	shift
	"$EHCP" "$@" 2>"$log" &
	SRV_PID=$!
	PORT=
	for i in $(seq 150); do
		PORT=$(sed -n 's|^ehcp: serving on https\{0,1\}://.*:\([0-9][0-9]*\)/$|\1|p' "$log")
		[ -n "$PORT" ] && return 0
		kill -0 "$SRV_PID" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}

# stop_server: SIGTERM, and the exit status.
stop_server() {
	kill -TERM "$SRV_PID" 2>/dev/null
	wait "$SRV_PID"
}

# status URL [CURL ARGS...]: the HTTP status only.
status() {
	local url=$1
	shift
	curl -s -o /dev/null -w '%{http_code}' --max-time 20 "$@" "$url"
}
