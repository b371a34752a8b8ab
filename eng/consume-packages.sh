#!/usr/bin/env bash
# Packs every packable project into a temporary feed and uses the packages from it as a user would, outside this
# repository (so outside its Directory.Build.props and central package management):
#   1. `dotnet pack StepFlow.sln -c Release -o <feed>` gives exactly the shipped packages, each with its license
#      expression, its README inside, repository metadata with the commit, and a .snupkg whose PDB has a source link;
#   2. a new console app (`dotnet new console`) references StepFlow from the feed and runs the example of StepFlow's
#      package README (a definition with a task handler), which must print what the README says it prints;
#   3. a second console app does the same with StepFlow.Sqlite's README example (a durable execution in a file), and a
#      third with StepFlow.Hosting's (a generic host with AddStepFlow and a handler from DI; it adds
#      Microsoft.Extensions.Hosting, as a user's host has it);
#   4. a new xunit project (`dotnet new xunit`) references StepFlow.Testing and runs the README's test (the fake clock);
#      another references StepFlow.Testing.FluentAssertions and runs its README's test (mocks, assertions);
#   5. the `stepflow` tool is installed from the feed into a tool path and runs samples/order-pipeline; the
#      development verbs (bench, conformance) are not in it.
# Any failure stops the script with a message and a non-zero exit code.
# Usage: eng/consume-packages.sh [extra dotnet pack arguments, e.g. --no-build after a Release build]
# Set STEPFLOW_CONSUME_KEEP=1 to keep the temporary folder.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
started=$SECONDS

work="$(mktemp -d "${TMPDIR:-/tmp}/stepflow-consume.XXXXXX")"
if [[ "${STEPFLOW_CONSUME_KEEP:-}" == 1 ]]; then
  echo "consume: keeping $work"
else
  trap 'rm -rf "$work"' EXIT
fi
feed="$work/feed"

step() { echo "--- consume: $* ($((SECONDS - started)) s)"; }
fail() {
  echo "consume-packages: FAILED: $*" >&2
  exit 1
}
command -v unzip >/dev/null || fail "unzip is needed to read the packages"

# The packages this repository ships. Anything else packed is a mistake (a tool or test project left packable).
shipped=(StepFlow StepFlow.Sqlite StepFlow.Server StepFlow.Hosting StepFlow.Testing StepFlow.Testing.FluentAssertions StepFlow.Cli)
# Each package's dependencies, as README.md and docs/packaging.md state them.
declare -A dependencies=(
  [StepFlow]="Microsoft.Extensions.Logging.Abstractions Polly.Core"
  [StepFlow.Sqlite]="Microsoft.Data.Sqlite StepFlow"
  [StepFlow.Server]="StepFlow"
  [StepFlow.Hosting]="Microsoft.Extensions.Configuration.Binder Microsoft.Extensions.DependencyInjection.Abstractions Microsoft.Extensions.Diagnostics.HealthChecks Microsoft.Extensions.Hosting.Abstractions Microsoft.Extensions.Logging.Abstractions Microsoft.Extensions.Options.ConfigurationExtensions StepFlow StepFlow.Sqlite"
  [StepFlow.Testing]="StepFlow"
  [StepFlow.Testing.FluentAssertions]="FluentAssertions StepFlow StepFlow.Testing"
  [StepFlow.Cli]=""
)
repository_url="$(grep -oP '<RepositoryUrl>\K[^<]+' "$root/Directory.Build.props")"
[[ -n "$repository_url" ]] || fail "Directory.Build.props sets no RepositoryUrl"
repository_path="${repository_url#https://github.com/}"

step "pack every packable project into $feed"
dotnet pack "$root/StepFlow.sln" -c Release -o "$feed" -nologo -v quiet "$@" || fail "dotnet pack failed"

version_file="$(find "$feed" -maxdepth 1 -name 'StepFlow.[0-9]*.nupkg' | head -n 1)"
[[ -n "$version_file" ]] || fail "no StepFlow package in the feed"
version="$(basename "$version_file" .nupkg)"
version="${version#StepFlow.}"
echo "version $version"

packed="$(cd "$feed" && ls -1 ./*.nupkg | sed -E "s|^\./||; s|\.$version\.nupkg$||" | sort | tr '\n' ' ')"
expected="$(printf '%s\n' "${shipped[@]}" | sort | tr '\n' ' ')"
[[ "$packed" == "$expected" ]] || fail "the feed holds [$packed], expected exactly [$expected]"

for id in "${shipped[@]}"; do
  nupkg="$feed/$id.$version.nupkg"
  snupkg="$feed/$id.$version.snupkg"
  [[ -f "$snupkg" ]] || fail "$id: no symbol package $(basename "$snupkg") beside the package"
  nuspec="$(unzip -p "$nupkg" "$id.nuspec")" || fail "$id: no $id.nuspec in the package"
  grep -q '<license type="expression">MIT</license>' <<<"$nuspec" || fail "$id: no MIT license expression in the nuspec"
  grep -q '<readme>README.md</readme>' <<<"$nuspec" || fail "$id: the nuspec names no README"
  listing="$(unzip -l "$nupkg")"
  grep -qE ' README\.md$' <<<"$listing" || fail "$id: README.md is not in the package"
  [[ "$(unzip -p "$nupkg" README.md | wc -c)" -gt 200 ]] || fail "$id: README.md is (nearly) empty"
  grep -qE "<repository type=\"git\" url=\"$repository_url\"[^>]* commit=\"[0-9a-f]{40}\"" <<<"$nuspec" \
    || fail "$id: no repository element with the URL $repository_url and a commit"
  grep -qE '<description>[^<]{20,}</description>' <<<"$nuspec" || fail "$id: no description"
  grep -qE '<tags>[^<]+</tags>' <<<"$nuspec" || fail "$id: no tags"
  depends="$(grep -oP '<dependency id="\K[^"]+' <<<"$nuspec" | sort | tr '\n' ' ' | sed 's/ $//' || true)"
  [[ "$depends" == "${dependencies[$id]}" ]] || fail "$id depends on [$depends], the docs say [${dependencies[$id]}]"
  grep -qE '\.pdb$' <<<"$(unzip -l "$snupkg")" || fail "$id: the symbol package holds no PDB"
  unzip -p "$snupkg" '*.pdb' >"$work/symbols.pdb"
  grep -aqE "\"documents\":\\{\"[^\"]+\":\"https://[^\"]*$repository_path/[0-9a-f]{40}/\\*\"" "$work/symbols.pdb" \
    || fail "$id: the PDB has no source link to $repository_url at a commit"
  echo "ok $id: license, readme, repository, tags, description, dependencies [$depends], .snupkg with source link"
done

# Outside the repository: this nuget.config adds the feed to the machine's own package sources, and keeps the packages
# in a folder of its own, so no copy cached by an earlier run is used.
cat >"$work/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <config>
    <add key="globalPackagesFolder" value="$work/packages" />
  </config>
  <packageSources>
    <add key="stepflow-feed" value="$feed" />
  </packageSources>
  <fallbackPackageFolders>
    <clear />
  </fallbackPackageFolders>
</configuration>
EOF

# The C# block of a package README, and the text its "It prints `...`" line promises.
readme_code() { awk '/^```csharp$/ { inside = 1; next } /^```$/ { inside = 0 } inside' "$1"; }
readme_prints() { grep -oP '^It prints `\K[^`]+' "$1" | head -n 1; }

# Checks that the package a restore used is the very file in the feed (not a copy from another source or an old run).
# Usage: from_feed <id> [<packages folder>] (default: the restores' folder).
from_feed() {
  local id_lower folder
  id_lower="$(tr '[:upper:]' '[:lower:]' <<<"$1")"
  folder="${2:-$work/packages}"
  cmp -s "$feed/$1.$version.nupkg" "$folder/$id_lower/$version/$id_lower.$version.nupkg" \
    || fail "$1 $version was not restored from the feed (no identical copy under $folder)"
}

run_console() { # <name> <package> <readme> [<another package>@<version> the example needs]
  local name="$1" package="$2" readme="$3" extra="${4:-}" expected output
  step "console app '$name' referencing $package $version"
  dotnet new console -n "$name" -o "$work/$name" --framework net10.0 >/dev/null || fail "dotnet new console failed"
  (cd "$work/$name" && dotnet add package "$package" --version "$version" >/dev/null) || fail "$name: dotnet add package $package failed"
  from_feed "$package"
  if [[ -n "$extra" ]]; then
    (cd "$work/$name" && dotnet add package "${extra%@*}" --version "${extra#*@}" >/dev/null) || fail "$name: dotnet add package $extra failed"
  fi
  readme_code "$readme" >"$work/$name/Program.cs"
  [[ -s "$work/$name/Program.cs" ]] || fail "$readme has no csharp block"
  expected="$(readme_prints "$readme")"
  [[ -n "$expected" ]] || fail "$readme does not say what its example prints"
  output="$(cd "$work/$name" && dotnet run -c Release)" || fail "$name: the README example did not build or run: $output"
  echo "$output"
  [[ "$output" == "$expected" ]] || fail "$name printed [$output], its README promises [$expected]"
}

run_console Prices StepFlow "$root/src/StepFlow/README.md"
run_console Durable StepFlow.Sqlite "$root/src/StepFlow.Sqlite/README.md"
run_console Hosted StepFlow.Hosting "$root/src/StepFlow.Hosting/README.md" \
  "Microsoft.Extensions.Hosting@$(grep -oP '<PackageVersion Include="Microsoft.Extensions.Hosting" Version="\K[^"]+' "$root/Directory.Packages.props")"

step "xunit project referencing StepFlow.Testing $version"
dotnet new xunit -n ClockTests -o "$work/ClockTests" --framework net10.0 >/dev/null || fail "dotnet new xunit failed"
(cd "$work/ClockTests" && dotnet add package StepFlow.Testing --version "$version" >/dev/null) || fail "dotnet add package StepFlow.Testing failed"
from_feed StepFlow.Testing
from_feed StepFlow
rm -f "$work/ClockTests"/UnitTest1.cs
readme_code "$root/src/StepFlow.Testing/README.md" >"$work/ClockTests/WaitTests.cs"
test_output="$(cd "$work/ClockTests" && dotnet test -c Release 2>&1)" || fail "the StepFlow.Testing README test failed:
$test_output"
grep -qE 'Passed!.*Passed: +1,' <<<"$test_output" || fail "the xunit project did not run exactly one passing test:
$test_output"
grep -E 'Passed!' <<<"$test_output"

step "xunit project referencing StepFlow.Testing.FluentAssertions $version"
dotnet new xunit -n AssertionTests -o "$work/AssertionTests" --framework net10.0 >/dev/null || fail "dotnet new xunit failed"
(cd "$work/AssertionTests" && dotnet add package StepFlow.Testing.FluentAssertions --version "$version" >/dev/null) \
  || fail "dotnet add package StepFlow.Testing.FluentAssertions failed"
from_feed StepFlow.Testing.FluentAssertions
rm -f "$work/AssertionTests"/UnitTest1.cs
readme_code "$root/src/StepFlow.Testing.FluentAssertions/README.md" >"$work/AssertionTests/ChargeTests.cs"
test_output="$(cd "$work/AssertionTests" && dotnet test -c Release 2>&1)" || fail "the StepFlow.Testing.FluentAssertions README test failed:
$test_output"
grep -qE 'Passed!.*Passed: +1,' <<<"$test_output" || fail "the assertions project did not run exactly one passing test:
$test_output"
grep -E 'Passed!' <<<"$test_output"

step "the stepflow tool from the feed"
(cd "$work" && dotnet tool install StepFlow.Cli --version "$version" --tool-path "$work/tools" >/dev/null) || fail "dotnet tool install StepFlow.Cli failed"
from_feed StepFlow.Cli "$work/tools/.store/stepflow.cli/$version"
tool_output="$("$work/tools/stepflow" run "$root/samples/order-pipeline/definition.json" \
  --input "$root/samples/order-pipeline/input.json" --echo-tasks --fake-clock)" || fail "stepflow run samples/order-pipeline failed"
grep -q '"subject": "Your order ORD-C-7-1042 is confirmed"' <<<"$tool_output" \
  || fail "stepflow run samples/order-pipeline printed an unexpected output: $tool_output"
echo "stepflow run samples/order-pipeline: CONFIRMED"
"$work/tools/stepflow" validate "$root/samples/order-pipeline/definition.json" || fail "stepflow validate failed"
for verb in bench conformance; do
  code=0
  "$work/tools/stepflow" "$verb" x >/dev/null 2>&1 || code=$?
  [[ "$code" == 64 ]] || fail "the shipped stepflow tool has a '$verb' verb (exit $code, expected 64: unknown command)"
done
echo "the shipped tool has no bench or conformance verb"
tool_output="$("$work/tools/stepflow" test "$root/samples/lambda-sqs-mocks/definition.json" \
  --mock-config "$root/samples/lambda-sqs-mocks/MockConfigFile.json" --state-machine LambdaSQSIntegration --test-case RetryPath)" \
  || fail "stepflow test samples/lambda-sqs-mocks (RetryPath) failed"
grep -q '"MessageId": "3bcb6e8e-8b51-4375-b0bc-1a59812c6e51"' <<<"$tool_output" \
  || fail "stepflow test samples/lambda-sqs-mocks printed an unexpected output: $tool_output"
echo "stepflow test samples/lambda-sqs-mocks RetryPath: the mocked SQS response"

step "every package packed, checked and used from the feed in $((SECONDS - started)) s"
