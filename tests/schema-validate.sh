#!/bin/sh
# schema-validate.sh: miglint's SARIF output validates against the official SARIF 2.1.0
# schema, and its JSON output against docs/json-output.schema.json.
#
# The SARIF schema is the OASIS file as shipped by the npm package
# @datadog/datadog-ci-plugin-sarif@5.11.0 (dist/json-schema/sarif-schema-2.1.0.json), fetched
# once into the build folder; the validator is Debian's python3-jsonschema (Draft 7). Skips
# (exit 77, saying why) when npm, the registry or python3-jsonschema is not there.
set -eu
bin=$1 src=$2 build=$3
py=/usr/bin/python3
if ! [ -x $py ] || ! $py -c 'import jsonschema' 2>/dev/null; then
	echo "skipped: python3-jsonschema is not installed (apt-get install python3-jsonschema)"
	exit 77
fi
cache=$build/sarif-schema
schema=$cache/sarif-schema-2.1.0.json
if ! [ -f "$schema" ]; then
	if ! command -v npm >/dev/null 2>&1; then
		echo "skipped: npm not found, so the official SARIF schema cannot be fetched"
		exit 77
	fi
	mkdir -p "$cache"
	if ! (cd "$cache" && npm pack --silent @datadog/datadog-ci-plugin-sarif@5.11.0 >/dev/null 2>&1); then
		echo "skipped: the npm registry is not reachable"
		exit 77
	fi
	tar -xzf "$cache"/datadog-datadog-ci-plugin-sarif-5.11.0.tgz -C "$cache" \
		package/dist/json-schema/sarif-schema-2.1.0.json
	mv "$cache"/package/dist/json-schema/sarif-schema-2.1.0.json "$schema"
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
validate() {
	$py -c 'import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft7Validator.check_schema(schema)
errors = [e.message + " at " + "/".join(map(str, e.path))
          for e in jsonschema.Draft7Validator(schema).iter_errors(json.load(open(sys.argv[2])))]
print("\n".join(errors) if errors else sys.argv[2] + ": valid")
sys.exit(1 if errors else 0)' "$1" "$2"
}
for input in "$src/testdata/cli/report-text/input" "$src/examples/drizzle"; do
	"$bin" --no-config --format sarif "$input" >"$out/run.sarif.json" || [ $? -eq 1 ]
	validate "$schema" "$out/run.sarif.json"
	"$bin" --no-config --format json "$input" >"$out/run.json" || [ $? -eq 1 ]
	validate "$src/docs/json-output.schema.json" "$out/run.json"
done
# The validator itself must reject a broken log, or the checks above prove nothing.
sed 's/"level":[^,]*"warning"/"level": "fatal"/' "$out/run.sarif.json" >"$out/broken.sarif.json"
if validate "$schema" "$out/broken.sarif.json" >/dev/null; then
	echo "the SARIF validator accepted a log with level \"fatal\""
	exit 1
fi
