using Api.Tests.Contract;

namespace Api.Tests.Support;

/// <summary>The API behind some transport: the in-memory test server, or Kestrel on a socket.</summary>
public interface IApiServer
{
    /// <summary>Sends the request as written; <see cref="ApiServerExtensions.SendAsync"/> also checks the answer.</summary>
    Task<ApiResponse> SendUncheckedAsync(ApiRequest request);
}

public static class ApiServerExtensions
{
    /// <summary>Sends a request and checks its answer against the committed OpenAPI document.</summary>
    public static async Task<ApiResponse> SendAsync(this IApiServer server, ApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(request);
        var response = await server.SendUncheckedAsync(request);
        Assert.That(OpenApiContract.Violations(request.Method, request.Target, response), Is.Empty, $"{request.Method} {request.Target} breaks the OpenAPI contract");
        return response;
    }

    public static Task<ApiResponse> GetAsync(this IApiServer server, string target) => server.SendAsync(ApiRequest.Get(target));

    public static Task<ApiResponse> PostFormAsync(this IApiServer server, string target, string urlEncoded) =>
        server.SendAsync(ApiRequest.Form(target, urlEncoded));
}
