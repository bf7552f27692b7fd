using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;

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

        app.UseMiddleware<EmptyErrorProblemMiddleware>();
        return app;
    }
}
