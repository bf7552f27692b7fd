using Microsoft.Extensions.Hosting;

namespace Api.Settings;

internal static class ContentRoot
{
    /// <summary>
    /// The API's own folder, so that appsettings.json is found from anywhere; null when a content root is configured
    /// (<c>--contentRoot</c>, <c>ASPNETCORE_CONTENTROOT</c>, <c>DOTNET_CONTENTROOT</c>), which the host resolves itself.
    /// </summary>
    /// <param name="host">The host's own settings, read as the host reads them.</param>
    public static string? Default(IConfiguration host) => host[HostDefaults.ContentRootKey] is null ? AppContext.BaseDirectory : null;
}
