#!/usr/bin/env bash
# Generates the C# client in Api.Client/Generated/ from the committed OpenAPI document, with the
# Kiota version the tool manifest pins (.config/dotnet-tools.json). CI runs it and fails when the
# result differs from what is committed.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
KIOTA_OFFLINE_ENABLED=true dotnet tool run kiota generate --language CSharp \
    --openapi Api/OpenApi/openapi.json --output Api.Client/Generated \
    --namespace-name Api.Client --class-name ApiClient --exclude-backward-compatible --clean-output
