using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Net.Http.Headers;

namespace Api.Problems;

public static class ProblemsExtensions
{
    public static IServiceCollection AddProblemResponses(this IServiceCollection services)
    {
        // Registered before AddProblemDetails so that it is the writer the service picks.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProblemDetailsWriter, ProblemJsonWriter>());
        services.AddProblemDetails();
        services.AddSingleton<BadRequestExceptionFilter>();
        services.Configure<ExceptionHandlerOptions>(options =>
            options.StatusCodeSelector = exception => exception is BadHttpRequestException badRequest
                ? badRequest.StatusCode
                : StatusCodes.Status500InternalServerError);
        return services;
    }

    /// <summary>
    /// Unhandled exceptions become 500 problems (details only in Development), and every
    /// empty 4xx/5xx answer (no route, wrong method, Kestrel's own rejections) gets a problem body.
    /// </summary>
    public static WebApplication UseProblemResponses(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler();
        }

        app.UseStatusCodePages(WriteStatusProblemAsync);
        return app;
    }

    private static Task WriteStatusProblemAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var problem = ProblemFactory.ForStatus(status, DetailFor(http, status));
        var service = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        return service.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem }).AsTask();
    }

    private static string? DetailFor(HttpContext http, int status) => status switch
    {
        StatusCodes.Status404NotFound => $"No route matches the path '{http.Request.Path.Value}'.",
        StatusCodes.Status405MethodNotAllowed =>
            $"The path '{http.Request.Path.Value}' does not accept {http.Request.Method}; it accepts {http.Response.Headers[HeaderNames.Allow]}.",
        _ => null,
    };
}
