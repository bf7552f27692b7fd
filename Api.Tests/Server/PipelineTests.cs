using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Api.Tests.Server;

/// <summary>The request pipeline holds only the middleware the API uses.</summary>
public sealed class PipelineTests : ApiTestBase
{
    // WebApplication adds UseAuthentication and UseAuthorization on its own when these services
    // are registered; the API authenticates nobody, so neither may run on every request.
    [Test]
    public void The_host_adds_no_authentication_or_authorization_middleware()
    {
        var services = Factory.Services.GetRequiredService<IServiceProviderIsService>();

        Assert.Multiple(() =>
        {
            Assert.That(services.IsService(typeof(IAuthenticationSchemeProvider)), Is.False);
            Assert.That(services.IsService(typeof(IAuthorizationHandlerProvider)), Is.False);
        });
    }
}
