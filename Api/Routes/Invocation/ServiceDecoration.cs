namespace Api.Routes.Invocation;

public static class ServiceDecoration
{
    /// <summary>
    /// Wraps the registered implementation of <typeparamref name="TService"/> in a decorator,
    /// which gets it lazily: it is created only if the decorator ever calls it.
    /// </summary>
    public static IServiceCollection Decorate<TService>(this IServiceCollection services, Func<Lazy<TService>, IServiceProvider, TService> decorate)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(services);
        var registered = services.Last(d => d.ServiceType == typeof(TService));
        services.Remove(registered);
        services.Add(ServiceDescriptor.Describe(typeof(TService), provider => decorate(new Lazy<TService>(() => Create<TService>(registered, provider)), provider), registered.Lifetime));
        return services;
    }

    private static TService Create<TService>(ServiceDescriptor registered, IServiceProvider provider)
        where TService : class =>
        (TService)(registered.ImplementationInstance
            ?? registered.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!));
}
