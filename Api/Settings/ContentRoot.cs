using Microsoft.Extensions.Hosting;

namespace Api.Settings;

internal static class ContentRoot
{
    /// <summary>
    /// The API's own folder, so that appsettings.json is found from anywhere; null when a content root
    /// is configured (<c>--contentRoot</c>, <c>ASPNETCORE_CONTENTROOT</c>, <c>DOTNET_CONTENTROOT</c>).
    /// </summary>
    public static string? Default(string[] args) =>
        new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build()[HostDefaults.ContentRootKey] is null ? AppContext.BaseDirectory : null;
}
