using System.Text.Encodings.Web;
using Api.Caching;
using Api.Echo;
using Api.Features.Exemple;
using Api.Validation;

namespace Api.Features;

/// <summary>MVC, configured here and nowhere else.</summary>
internal static class ControllersExtensions
{
    /// <summary>
    /// MVC's core with its API explorer and DataAnnotations: AddControllers would add authorization, and with it
    /// authentication middleware on every request, for an API that authenticates nobody.
    /// </summary>
    public static IServiceCollection AddApiControllers(this IServiceCollection services)
    {
        services.AddMvcCore(options =>
            {
                options.Conventions.Add(new HeadForGetConvention());
                options.Conventions.Add(new ErrorResponsesConvention());
                // Reusable: the filter is a singleton (below) and keeps nothing of a request.
                options.Filters.Add(new ServiceFilterAttribute(typeof(ConditionalGetFilter)) { IsReusable = true });
            })
            .AddApiExplorer()
            .AddDataAnnotations()
            .AddJsonOptions(options =>
            {
                // Every body goes out as JSON with nosniff: non-ASCII text is written as UTF-8, not \u escapes.
                options.JsonSerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
                options.JsonSerializerOptions.Converters.Add(new BigIntegerJsonConverter());
                options.JsonSerializerOptions.TypeInfoResolverChain.Insert(0, AnswersJsonContext.Default);
            });
        services.AddOptions<MvcOptions>().Configure<IOptions<JsonOptions>, IServiceProviderIsService>((mvc, json, registered) =>
        {
            mvc.Conventions.Add(new FluentValidationFilter(registered));
            var index = mvc.OutputFormatters.IndexOf(mvc.OutputFormatters.OfType<SystemTextJsonOutputFormatter>().Single());
            mvc.OutputFormatters[index] = new ContentLengthJsonOutputFormatter(json.Value.JsonSerializerOptions);
        });
        services.Configure<ApiBehaviorOptions>(options =>
        {
            // An error answered without a body (NotFound()) becomes a problem in UseStatusCodePages, as
            // every other does; the API explorer then leaves the bodiless refusals of Kestrel without one.
            options.SuppressMapClientErrors = true;
            // The problem type of the rate limiter's answer, which the framework's table lacks.
            options.ClientErrorMapping[StatusCodes.Status429TooManyRequests] =
                new ClientErrorData { Link = "https://tools.ietf.org/html/rfc6585#section-4", Title = "Too Many Requests" };
        });
        services.AddSettings<CachingOptions>(CachingOptions.Section);
        services.AddSingleton<ConditionalGetFilter>();
        services.AddValidatorsFromAssemblyContaining<ExempleFormValidator>(ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddSingleton<IEchoService, EchoService>();
        return services;
    }
}
