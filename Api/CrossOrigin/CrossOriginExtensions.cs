namespace Api.CrossOrigin;

internal static class CrossOriginExtensions
{
    /// <summary>ASP.NET Core's CORS, one policy while <c>Cors:AllowedOrigins</c> names an origin.</summary>
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

    /// <summary>The CORS policy of every answer, which each path's preflight narrows to its Allow; null while CORS is off.</summary>
    public static CorsPolicy? CrossOriginPolicy(this IServiceProvider services) =>
        services.GetRequiredService<IOptions<CorsOptions>>().Value.GetPolicy(CrossOriginSettings.Section);

    /// <summary>The CORS middleware, after routing, while it has a policy. Every answer then says <c>Vary: Origin</c>, those to
    /// requests without one too, so that a shared cache does not hand one origin's answer to another.</summary>
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
