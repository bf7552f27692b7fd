using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Api.Features.Items;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

/// <summary>
/// Run by the runtime before the API's Main when <c>DOTNET_STARTUP_HOOKS</c> names this assembly (<see cref="Api.Tests.Features.Items.ItemWriter"/>):
/// the real process, with the store as the API registers it, and one route of the tests' own, since the items' HTTP
/// routes do not exist yet.
/// </summary>
[SuppressMessage("Design", "CA1050:Declare types in namespaces", Justification = "The runtime looks for a StartupHook type outside any namespace.")]
internal static class StartupHook
{
    public static void Initialize() => DiagnosticListener.AllListeners.Subscribe(new Api.Tests.Features.Items.ItemWriter.HostObserver());
}

namespace Api.Tests.Features.Items
{
    /// <summary>
    /// <c>POST /test-items?name=NAME</c> stores an item through <see cref="IItemStore"/> and answers 201 with its id once
    /// the store has returned, 503 when the store is unavailable; <c>GET /test-items/ID</c> answers its name or 404.
    /// </summary>
    public static class ItemWriter
    {
        public static (string Name, string? Value) Hook => ("DOTNET_STARTUP_HOOKS", typeof(ItemWriter).Assembly.Location);

        public static async Task<ApiResponse> AddAsync(ApiProcess api, string name) =>
            await api.SendUncheckedAsync(new ApiRequest("POST", "/test-items?name=" + Uri.EscapeDataString(name)) { Body = [] });

        public static async Task<string?> NameAsync(ApiProcess api, long id)
        {
            var response = await api.SendUncheckedAsync(ApiRequest.Get("/test-items/" + id.ToString(CultureInfo.InvariantCulture)));
            return response.Status == 200 ? response.Text : null;
        }

        internal sealed class HostObserver : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
        {
            public void OnNext(DiagnosticListener value)
            {
                if (value.Name == "Microsoft.Extensions.Hosting") value.Subscribe(this);
            }

            public void OnNext(KeyValuePair<string, object?> value)
            {
                if (value is { Key: "HostBuilding", Value: IHostBuilder host })
                {
                    host.ConfigureServices(services => services.AddSingleton<IStartupFilter, Endpoint>());
                }
            }

            public void OnCompleted()
            {
            }

            public void OnError(Exception error)
            {
            }
        }

        private sealed class Endpoint : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use(async (context, nextMiddleware) =>
                {
                    var store = context.RequestServices.GetRequiredService<IItemStore>();
                    try
                    {
                        if (context.Request.Path == "/test-items" && HttpMethods.IsPost(context.Request.Method))
                        {
                            var item = await store.AddAsync(new ItemFields(context.Request.Query["name"].ToString(), null, 1.25m));
                            context.Response.StatusCode = 201;
                            await context.Response.WriteAsync(item.Id.ToString(CultureInfo.InvariantCulture));
                        }
                        else if (context.Request.Path.StartsWithSegments("/test-items", out var rest) && long.TryParse(rest.Value?.TrimStart('/'), CultureInfo.InvariantCulture, out var id))
                        {
                            var item = await store.FindAsync(id);
                            context.Response.StatusCode = item is null ? 404 : 200;
                            await context.Response.WriteAsync(item?.Name ?? "");
                        }
                        else
                        {
                            await nextMiddleware(context);
                        }
                    }
                    catch (StoreUnavailableException)
                    {
                        context.Response.StatusCode = 503;
                    }
                });
                next(app);
            };
        }
    }
}
