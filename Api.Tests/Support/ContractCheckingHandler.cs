using Api.Tests.Contract;
using Microsoft.AspNetCore.Http;

namespace Api.Tests.Support;

/// <summary>
/// Checks every answer an <see cref="HttpClient"/> receives against the committed OpenAPI document,
/// as <see cref="ApiServerExtensions.SendAsync"/> does for the tests' own requests.
/// </summary>
public sealed class ContractCheckingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await base.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = new HeaderDictionary();
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            headers[name] = values.ToArray();
        }

        var target = request.RequestUri!.GetComponents(UriComponents.PathAndQuery, UriFormat.UriEscaped);
        Assert.That(OpenApiContract.Violations(request.Method.Method, target, new ApiResponse((int)response.StatusCode, headers, body)), Is.Empty,
            $"{request.Method} {target} breaks the OpenAPI contract");
        return response;
    }
}
