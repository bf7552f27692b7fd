using Api.Tests.Features.Items;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Api.Tests.Support;

/// <summary>
/// The API on the in-memory test server, as <c>dotnet run</c> starts it outside Development, on a database of its own:
/// a SQLite file in a temporary folder, or, for <c>Postgres</c>, a database on the server <c>API_TEST_POSTGRES</c> names.
/// </summary>
public sealed class ApiFactory(string provider = "Sqlite") : WebApplicationFactory<Program>, IApiServer
{
    private readonly StoreDatabase _database = StoreDatabase.Create(provider);
    private int _disposed;

    /// <summary>The API's database.</summary>
    public StoreDatabase Database => _database;

    public Task<ApiResponse> SendUncheckedAsync(ApiRequest request) => InMemoryApi.SendAsync(Server, request);

    /// <summary>The API with settings, as appsettings or the environment would set them.</summary>
    public InMemoryApi With(params (string Key, string Value)[] settings) => new InMemoryApi(this).With(settings);

    /// <summary>The API with some of its services replaced.</summary>
    public InMemoryApi WithServices(Action<IServiceCollection> replace) => new InMemoryApi(this).WithServices(replace);

    /// <summary>An HttpClient to the in-memory API whose requests arrive with their raw target, as over a socket.</summary>
    public HttpClient CreateRawTargetClient(params DelegatingHandler[] handlers) => CreateDefaultClient([new RawTargetHandler(), .. handlers]);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", _database.Provider);
        builder.UseSetting("ConnectionStrings:Items", _database.ConnectionString);
        // Where the API finds its appsettings.json when it is not told otherwise: beside Api.dll.
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.ConfigureServices(services => services
            .AddSingleton<IStartupFilter, RawTargetHandler>()
            .AddSingleton<IStartupFilter, HeadBodiesDropped>());
    }

    // The base class's DisposeAsync ends in Dispose(true): the database goes with the server, once.
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0) _database.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>
    /// Kestrel sends no body in answer to HEAD, whatever the API writes (error answers of outer
    /// middleware included); the in-memory server would pass it on. Dropped here, as Kestrel does.
    /// </summary>
    private sealed class HeadBodiesDropped : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (HttpMethods.IsHead(context.Request.Method))
                {
                    context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null, context.Features.GetRequiredFeature<IHttpResponseBodyFeature>()));
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }

    /// <summary>
    /// The in-memory server hands the API no raw request target, which Kestrel does and Werkzeug's
    /// path decoding reads (<c>%2F</c> stays escaped in the path): the client side sends it along in
    /// a header, and the server side puts it where Kestrel would.
    /// </summary>
    private sealed class RawTargetHandler : DelegatingHandler, IStartupFilter
    {
        private const string Header = "X-Test-Raw-Target";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.Remove(Header, out var target))
                {
                    context.Features.Get<IHttpRequestFeature>()!.RawTarget = target.ToString();
                }

                return nextMiddleware(context);
            });
            next(app);
        };

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add(Header, request.RequestUri!.GetComponents(UriComponents.PathAndQuery, UriFormat.UriEscaped));
            return base.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>A variant of the in-memory API (other settings or services); disposed with the factory it came from.</summary>
public sealed class InMemoryApi(WebApplicationFactory<Program> factory) : IApiServer
{
    public WebApplicationFactory<Program> Factory { get; } = factory;

    public IServiceProvider Services => Factory.Services;

    public Task<ApiResponse> SendUncheckedAsync(ApiRequest request) => SendAsync(Factory.Server, request);

    public InMemoryApi With(params (string Key, string Value)[] settings) =>
        new(Factory.WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }));

    public InMemoryApi WithServices(Action<IServiceCollection> replace) =>
        new(Factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(replace)));

    /// <summary>Sends the request as written to an in-memory server, the API's or another app's.</summary>
    public static async Task<ApiResponse> SendAsync(TestServer server, ApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(request);
        var context = await server.SendAsync(http =>
        {
            var target = request.Target;
            // The path of an absolute-form target (http://host/path) follows its authority; * and host:port have none.
            var origin = target.StartsWith('/') ? target
                : target.IndexOf("://", StringComparison.Ordinal) is var scheme and > 0 ? target[target.IndexOf('/', scheme + 3)..] : "";
            var query = origin.IndexOf('?', StringComparison.Ordinal);
            http.Request.Method = request.Method;
            http.Request.Path = new PathString(query < 0 ? origin : origin[..query]);
            http.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(origin[query..]);
            // As Kestrel hands it over: the raw target, and a path that is the raw path wherever it holds no escape.
            http.Features.Get<IHttpRequestFeature>()!.RawTarget = target;
            http.Request.Protocol = request.Protocol;
            http.Connection.RemoteIpAddress = request.ClientAddress;
            http.Request.ContentType = request.ContentType;
            foreach (var (name, value) in request.Headers)
            {
                http.Request.Headers.Append(name, value);
            }

            if (request.Body is not null)
            {
                http.Request.ContentLength = request.Chunked ? null : request.Body.Length;
                http.Request.Body = new MemoryStream(request.Body);
            }
        });
        using var body = new MemoryStream();
        await context.Response.Body.CopyToAsync(body);
        return new ApiResponse(context.Response.StatusCode, context.Response.Headers, body.ToArray());
    }
}
