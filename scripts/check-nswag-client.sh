#!/usr/bin/env bash
# Generates a C# client from the committed OpenAPI document with NSwag (the version the tool
# manifest pins) and compiles it, unedited, in a project of its own.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet tool restore >/dev/null
dotnet tool run nswag openapi2csclient /input:Api/OpenApi/openapi.json /output:"$work/ApiClient.cs" \
    /namespace:NSwagClient /className:ApiClient /jsonLibrary:SystemTextJson >/dev/null
cat >"$work/NSwagClient.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
</Project>
XML
# Outside the repository, so that its Directory.Build.props and analyzers do not apply.
dotnet build "$work/NSwagClient.csproj" -nologo -v q
echo "NSwag's client ($(grep -c 'public virtual async' "$work/ApiClient.cs") operations) compiles unedited."
