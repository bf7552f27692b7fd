using System.Reflection;

namespace Api.Routes.Invocation;

/// <summary>
/// Creates a controller through its public constructor, each parameter resolved from the
/// services. Unlike <see cref="ActivatorUtilities.CreateFactory(Type, Type[])"/>, it builds no
/// expression tree, so the first request does not load and compile System.Linq.Expressions.
/// </summary>
public static class ControllerFactory
{
    /// <summary>The factory for <paramref name="controllerType"/>, or null when it has not exactly one public constructor.</summary>
    public static Func<IServiceProvider, object>? For(Type controllerType)
    {
        ArgumentNullException.ThrowIfNull(controllerType);
        if (controllerType.GetConstructors() is not [var constructor])
        {
            return null;
        }

        var invoker = ConstructorInvoker.Create(constructor);
        var parameters = constructor.GetParameters().Select(p => p.ParameterType).ToArray();
        return parameters switch
        {
            [] => _ => invoker.Invoke(),
            [var only] => services => invoker.Invoke(services.GetRequiredService(only)),
            [var first, var second] => services => invoker.Invoke(services.GetRequiredService(first), services.GetRequiredService(second)),
            _ => services => invoker.Invoke(new Span<object?>([.. parameters.Select(services.GetRequiredService)])),
        };
    }
}
