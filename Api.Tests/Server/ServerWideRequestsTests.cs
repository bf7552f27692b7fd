using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Api.Tests.Server;

/// <summary>
/// The methods OPTIONS * and CONNECT name are those of the API's routes, whatever another endpoint takes (their answers, over
/// a socket: RealServer/RequestTargetTests).
/// </summary>
public sealed class ServerWideRequestsTests : ApiTestBase
{
    private const string ServerMethods = "DELETE, GET, HEAD, OPTIONS, POST, PUT";

    [Test]
    public async Task An_endpoint_that_takes_any_method_adds_none_to_the_servers_methods()
    {
        var api = Factory.WithServices(services => services.AddSingleton<IStartupFilter>(new MapAnyMethod()));

        var response = await api.SendUncheckedAsync(new ApiRequest("OPTIONS", "*"));

        Assert.That((response.Status, response.Allow), Is.EqualTo((200, ServerMethods)));
    }

    private sealed class MapAnyMethod : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.UseRouting();
            app.UseEndpoints(endpoints => endpoints.Map("/any-method", context => Task.CompletedTask));
        };
    }
}
