namespace Api.CrossOrigin;

internal static class CrossOriginExtensions
{
    public static IServiceCollection AddCrossOrigin(this IServiceCollection services)
    {
        services.AddSettings<CrossOriginSettings>(CrossOriginSettings.Section);
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<CrossOriginSettings>>((cors, settings) =>
        {
            if (settings.Value.AllowedOrigins is { Count: > 0 } origins)
            {
                cors.AddPolicy(CrossOriginSettings.Section, policy => policy.WithOrigins([.. origins]).WithHeaders(HeaderNames.ContentType)
                    .WithExposedHeaders(HeaderNames.ETag, HeaderNames.Location, HeaderNames.RetryAfter).SetPreflightMaxAge(TimeSpan.FromMinutes(10)));
            }
        });
        return services;
    }

    public static CorsPolicy? CrossOriginPolicy(this IServiceProvider services) =>
        services.GetRequiredService<IOptions<CorsOptions>>().Value.GetPolicy(CrossOriginSettings.Section);

    // Every answer says Vary: Origin, those to requests without one too, so that a shared cache does not hand one origin's answer to another.
    public static IApplicationBuilder UseCrossOrigin(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.CrossOriginPolicy() is null) return app;

        // Registered before CORS's own callback, so run after it (the last registered runs first): it may have said it.
        app.Use((context, next) =>
        {
            context.Response.OnStarting(VaryByOrigin, context.Response.Headers);
            return next(context);
        });
        return app.UseCors(CrossOriginSettings.Section);
    }

    private static Task VaryByOrigin(object headers)
    {
        if (!((IHeaderDictionary)headers).Vary.Contains(HeaderNames.Origin)) ((IHeaderDictionary)headers).Append(HeaderNames.Vary, HeaderNames.Origin);
        return Task.CompletedTask;
    }
}

internal sealed class CrossOriginSettings
{
    public const string Section = "Cors";

    public IList<string> AllowedOrigins { get; } = [];
}

internal sealed class CrossOriginSettingsValidator : AbstractValidator<CrossOriginSettings>
{
    public CrossOriginSettingsValidator() => RuleForEach(o => o.AllowedOrigins)
        .Must((options, origin) => origin == "*" ? options.AllowedOrigins.Count == 1 : Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.GetLeftPart(UriPartial.Authority) == origin)
        .WithMessage("must be an origin as browsers send it, such as https://app.example.com (lower case, no path, no default port), or * alone");
}
