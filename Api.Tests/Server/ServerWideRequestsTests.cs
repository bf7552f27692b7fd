using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Api.Tests.Server;

/// <summary>Targets that name the whole server, in memory (over a socket: RealServer/RequestTargetTests).</summary>
public sealed class ServerWideRequestsTests : ApiTestBase
{
    private const string ServerMethods = "DELETE, GET, HEAD, OPTIONS, POST, PUT";

    [Test]
    public async Task Options_asterisk_is_200_with_every_method_the_server_takes()
    {
        var response = await Factory.SendUncheckedAsync(new ApiRequest("OPTIONS", "*"));

        Assert.That((response.Status, response.Allow, response.ContentLength, response.Body.Length), Is.EqualTo((200, ServerMethods, 0, 0)));
    }

    [Test]
    public async Task Connect_is_405_problem_naming_the_methods_the_server_takes()
    {
        var response = await Factory.SendUncheckedAsync(new ApiRequest("CONNECT", "localhost:80"));

        ProblemAssert.IsProblem(response, 405);
        Assert.That(response.Allow, Is.EqualTo(ServerMethods));
        Assert.That((string?)response.Json!["detail"], Is.EqualTo($"The server does not accept CONNECT; it accepts {ServerMethods}."));
    }

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
