#!/bin/bash
# Container health probe for the consent ledger's apps: asks Spring Boot's readiness group
# (/actuator/health/readiness) on the app's own port and succeeds only on HTTP 200.
# Uses curl when the image has it (the Ubuntu-based eclipse-temurin images do) and falls back to
# bash's /dev/tcp, so it keeps working on a base image without curl or wget.
set -u
port="${HEALTHCHECK_PORT:-${SERVER_PORT:-8080}}"
path="${HEALTHCHECK_PATH:-/actuator/health/readiness}"

if command -v curl >/dev/null 2>&1; then
    # Docker reserves exit code 2: report every failure as 1.
    curl --fail --silent --show-error --output /dev/null --max-time 4 \
        "http://127.0.0.1:${port}${path}" || exit 1
    exit 0
fi

exec 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "${path}" >&3
IFS= read -r -t 4 status_line <&3 || exit 1
exec 3<&- 3>&-
case "${status_line}" in
    HTTP/1.[01]\ 200*) exit 0 ;;
    *) echo "unhealthy: ${status_line%$'\r'}" >&2; exit 1 ;;
esac
