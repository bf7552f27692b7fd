using Api.Forms;

namespace Api.Echo;

public static class EchoServiceExtensions
{
    public static IServiceCollection AddEchoService(this IServiceCollection services)
    {
        services.AddSingleton<IEchoService, EchoService>();
        services.AddSingleton<IFormFieldReader, FormFieldReader>();
        return services;
    }
}
