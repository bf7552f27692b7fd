namespace Api.Security;

/// <summary>
/// Trust in a reverse proxy's X-Forwarded-For and X-Forwarded-Proto (section
/// <c>ForwardedHeaders</c>): off by default, and then only from the listed proxies and networks.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "ForwardedHeaders";

    public bool Enabled { get; set; }

    /// <summary>Addresses of trusted proxies, such as <c>127.0.0.1</c>.</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Networks of trusted proxies in CIDR form, such as <c>10.0.0.0/8</c>.</summary>
    public IList<string> KnownNetworks { get; } = [];

    /// <summary>How many proxies in front of the API to step back through.</summary>
    public int ForwardLimit { get; set; } = 1;
}
