#!/bin/sh
# docs-fresh.sh: fails when docs/rules/*.md no longer match the rules' metadata.
exec "$1" --check "$2"
