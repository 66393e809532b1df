#!/bin/sh
# Installs Debian's Chromium (and fonts that carry Vietnamese glyphs) for the browser tests and `make app`.
# Playwright's own browser download does not work here, so the tests drive /usr/bin/chromium.
# Exit codes: 0 = chromium ready, 2 = missing and cannot be installed (not root, or no apt-get), other = apt failed.
set -eu

CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
# Fonts with every Vietnamese letter precomposed (U+1EA5 is "ấ"), proportional and monospaced: without them Chromium
# falls back to a base letter plus a misplaced combining mark ("bâḿ" for "bấm"), seen in Output widgets (monospace).
FONT_PACKAGES="fonts-noto-core fonts-noto-mono fonts-dejavu-core"

need_fonts() {
    command -v fc-list >/dev/null 2>&1 || return 0
    [ -n "$(fc-list ':charset=1ea5' family 2>/dev/null)" ] || return 0
    [ -n "$(fc-list ':charset=1ea5:spacing=100' family 2>/dev/null)" ] || return 0
    return 1
}

# Chromium's Vietnamese locale: with it (and LANG=vi_VN.UTF-8) a date field reads dd/mm/yyyy, as trainees see it.
need_l10n() {
    [ -e /usr/lib/chromium/locales/vi.pak ] && return 1
    return 0
}

if [ -x "$CHROMIUM" ] && ! need_fonts && ! need_l10n; then
    "$CHROMIUM" --version 2>/dev/null || true
    exit 0
fi

if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
    if [ -x "$CHROMIUM" ]; then
        echo "Chromium có sẵn nhưng không cài được phông chữ hoặc gói tiếng Việt của nó (cần quyền root và apt-get)." >&2
        exit 0
    fi
    echo "Không có $CHROMIUM và không cài được (cần quyền root và apt-get)." >&2
    exit 2
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium chromium-l10n $FONT_PACKAGES fontconfig >/dev/null
"$CHROMIUM" --version
