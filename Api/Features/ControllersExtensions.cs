using System.Text.Encodings.Web;
using Api.Features.Exemple;

namespace Api.Features;

internal static class ControllersExtensions
{
    // AddControllers would add authorization, and authentication middleware on every request.
    public static IServiceCollection AddApiControllers(this IServiceCollection services)
    {
        services.AddMvcCore().AddApiExplorer().AddDataAnnotations();
        services.AddOptions<MvcOptions>().Configure<IOptions<JsonOptions>, IOptions<CachingSettings>, IServiceProviderIsService>((mvc, json, caching, registered) =>
        {
            mvc.Conventions.Add(new HeadForGetConvention());
            mvc.Conventions.Add(new FluentValidationFilter(registered));
            // One formatter for text and JSON in place of MVC's, which stream their answers (BodyFormatter).
            mvc.OutputFormatters.RemoveType<StringOutputFormatter>();
            mvc.OutputFormatters.RemoveType<SystemTextJsonOutputFormatter>();
            mvc.OutputFormatters.Add(new BodyFormatter(json.Value.JsonSerializerOptions, caching));
            mvc.InputFormatters.Add(new FormBodyFormatter(json.Value.JsonSerializerOptions));
        });
        services.Configure<JsonOptions>(options =>
        {
            // Every body goes out as JSON with nosniff: non-ASCII text is written as UTF-8, not \u escapes.
            options.JsonSerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            // A number is a JSON number, as the document says: "19.99" is a string (the web defaults read it as a number).
            options.JsonSerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            // A body that does not read says so in the API's words, not in the names of the serializer's types.
            options.AllowInputFormatterExceptionMessages = false;
            options.JsonSerializerOptions.Converters.Add(new BigIntegerJsonConverter());
            options.JsonSerializerOptions.TypeInfoResolverChain.Insert(0, AnswersJsonContext.Default);
        });
        services.Configure<ApiBehaviorOptions>(options =>
        {
            // A bodiless error (NotFound()) becomes a problem in UseStatusCodePages, as every other does.
            options.SuppressMapClientErrors = true;
            // The problem type of the rate limiter's answer, which the framework's table lacks.
            options.ClientErrorMapping[StatusCodes.Status429TooManyRequests] =
                new ClientErrorData { Link = "https://tools.ietf.org/html/rfc6585#section-4", Title = "Too Many Requests" };
        });
        services.AddSettings<CachingSettings>(CachingSettings.Section);
        services.AddValidatorsFromAssemblyContaining<ExempleFormValidator>(ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddSingleton<IEchoService, EchoService>();
        return services;
    }
}
