#!/bin/sh
# man-options.sh: every long option that --help lists is documented in docs/miglint.1.
set -eu
bin=$1 man=$2 missing=0
for opt in $("$bin" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
	escaped=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
	if ! grep -q -- "$escaped" "$man"; then
		echo "docs/miglint.1 does not document $opt"
		missing=1
	fi
done
exit $missing
