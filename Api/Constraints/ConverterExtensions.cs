namespace Api.Constraints;

public static class ConverterExtensions
{
    /// <summary>Registers Werkzeug's converters by name, for route templates such as <c>{id:flask-int}</c>.</summary>
    public static IServiceCollection AddFlaskConverters(this IServiceCollection services) =>
        services.Configure<RouteOptions>(options =>
        {
            options.SetParameterPolicy<IntegerConverter>(IntegerConverter.Name);
            options.SetParameterPolicy<FloatConverter>(FloatConverter.Name);
            options.SetParameterPolicy<UuidConverter>(UuidConverter.Name);
            options.SetParameterPolicy<PathConverter>(PathConverter.Name);
            options.SetParameterPolicy<ListConverter>(ListConverter.Name);
        });
}
