namespace Api.Routes.Invocation;

/// <summary>The lifetime of each registered service, read from the finished service collection.</summary>
public sealed class ServiceLifetimes(IServiceCollection services)
{
    /// <summary>Whether every parameter of the type's constructors is a singleton service.</summary>
    public bool NeedsOnlySingletons(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.GetConstructors().All(constructor => constructor.GetParameters().All(p => IsSingleton(p.ParameterType)));
    }

    private bool IsSingleton(Type serviceType) =>
        services.LastOrDefault(d => d.ServiceType == serviceType) is { Lifetime: ServiceLifetime.Singleton };
}
