#!/usr/bin/env bash
# After changing an endpoint: writes the OpenAPI document again (the build does, into
# Api/OpenApi/openapi.json) and the Kiota client in Api.Client/ from it. Commit both; CI fails
# when either differs from what the code gives.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build Api --nologo -v quiet
bash scripts/generate-client.sh
git status --short -- Api/OpenApi/openapi.json Api.Client/
