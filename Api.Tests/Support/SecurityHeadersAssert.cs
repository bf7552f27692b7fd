namespace Api.Tests.Support;

public static class SecurityHeadersAssert
{
    public const string ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>The security headers every answer carries, the content security policy unless it is the docs page's, and no <c>Server</c> header.</summary>
    public static void Carries(ApiResponse response, bool contentSecurityPolicy = true)
    {
        Assert.That(response.Headers["X-Content-Type-Options"].ToString(), Is.EqualTo("nosniff"));
        Assert.That(response.Headers["X-Frame-Options"].ToString(), Is.EqualTo("DENY"));
        Assert.That(response.Headers["Referrer-Policy"].ToString(), Is.EqualTo("no-referrer"));
        Assert.That(response.Headers["Content-Security-Policy"].ToString(), Is.EqualTo(contentSecurityPolicy ? ContentSecurityPolicy : ""));
        Assert.That(response.Headers.ContainsKey("Server"), Is.False);
    }
}
