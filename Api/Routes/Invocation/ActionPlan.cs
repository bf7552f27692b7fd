using System.Reflection;
using Api.Constraints;
using Api.Forms;
using Api.Problems;
using Api.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Api.Routes.Invocation;

/// <summary>
/// Everything an action needs per request, worked out once: how to create its controller, how to
/// bind each argument (a converter for route values, the form reader for forms), which arguments
/// FluentValidation checks, and a typed delegate that calls the action method.
/// </summary>
public sealed class ActionPlan
{
    private readonly Func<IServiceProvider, object> _createController;
    private readonly IServiceProvider? _controllerServices;
    private readonly Func<object, object?[], object> _invoke;
    private readonly ArgumentBinder[] _arguments;

    private ActionPlan(Func<IServiceProvider, object> createController, IServiceProvider? controllerServices, Func<object, object?[], object> invoke, ArgumentBinder[] arguments, bool validates)
    {
        _createController = createController;
        _controllerServices = controllerServices;
        _invoke = invoke;
        _arguments = arguments;
        Validates = validates;
    }

    private delegate ValueTask<object?> ArgumentBinder(HttpContext context);

    /// <summary>Whether any argument is checked by FluentValidation before the call.</summary>
    public bool Validates { get; }

    /// <summary>
    /// The plan for an action, or null when it uses what this invoker does not do (other
    /// parameter sources, filters with behaviour, results other than <see cref="IActionResult"/>):
    /// MVC's own invoker runs such an action.
    /// </summary>
    /// <param name="action">The action to plan.</param>
    /// <param name="validator">The FluentValidation step.</param>
    /// <param name="root">The root services: a controller that needs only singletons is created
    /// from them, which spares the request a service scope of its own.</param>
    /// <param name="lifetimes">The lifetime of each service.</param>
    public static ActionPlan? TryCreate(ControllerActionDescriptor action, ArgumentValidator validator, IServiceProvider root, ServiceLifetimes lifetimes)
    {
        ArgumentNullException.ThrowIfNull(lifetimes);
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(validator);
        var method = action.MethodInfo;
        if (!action.FilterDescriptors.All(f => IsUnderstood(f.Filter))
            || (method.ReturnType != typeof(IActionResult) && method.ReturnType != typeof(Task<IActionResult>)))
        {
            return null;
        }

        var arguments = new List<ArgumentBinder>();
        foreach (var parameter in method.GetParameters())
        {
            if (BinderFor(action, parameter) is not { } binder)
            {
                return null;
            }

            arguments.Add(binder);
        }

        var validates = method.GetParameters().Any(p => validator.HasValidator(p.ParameterType));
        var controllerType = action.ControllerTypeInfo.AsType();
        if (CompileCall(method) is not { } call || ControllerFactory.For(controllerType) is not { } createController)
        {
            return null;
        }

        return new ActionPlan(
            createController,
            lifetimes.NeedsOnlySingletons(controllerType) ? root : null,
            call,
            [.. arguments],
            validates);
    }

    public object CreateController(HttpContext context) => _createController(_controllerServices ?? context.RequestServices);

    public async ValueTask<object?[]> BindAsync(HttpContext context)
    {
        var values = new object?[_arguments.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = await _arguments[i](context);
        }

        return values;
    }

    public async ValueTask<IActionResult> CallAsync(object controller, object?[] arguments) =>
        _invoke(controller, arguments) switch
        {
            IActionResult result => result,
            Task<IActionResult> pending => await pending,
            var other => throw new InvalidOperationException($"Unexpected action result {other.GetType()}."),
        };

    // Filters that only describe the action (response types for ApiExplorer), and the two
    // filters of form actions, whose work the direct invoker does itself.
    private static bool IsUnderstood(IFilterMetadata filter) =>
        filter is IApiResponseMetadataProvider and not IActionFilter and not IResultFilter and not IAsyncResultFilter
        || filter is UnsupportedContentTypeFilter
        || filter is ServiceFilterAttribute { ServiceType: var type } && (type == typeof(FluentValidationFilter) || type == typeof(BadRequestExceptionFilter));

    private static ArgumentBinder? BinderFor(ControllerActionDescriptor action, ParameterInfo parameter)
    {
        var descriptor = action.Parameters.FirstOrDefault(p => p.Name == parameter.Name);
        var binderType = descriptor?.BindingInfo?.BinderType;
        if (binderType is not null && typeof(IRouteValueConverter).IsAssignableFrom(binderType))
        {
            var converter = (IRouteValueConverter)Activator.CreateInstance(binderType)!;
            var name = descriptor!.BindingInfo?.BinderModelName ?? parameter.Name!;
            return context => ValueTask.FromResult(
                context.Request.RouteValues.TryGetValue(name, out var raw) && raw is string segment && converter.TryConvertValue(segment, out var value)
                    ? value
                    : throw new BadHttpRequestException($"The route value '{name}' does not convert.", StatusCodes.Status404NotFound));
        }

        if (parameter.ParameterType == typeof(FormFields))
        {
            return async context => await FormFieldsFromRequest.ReadAsync(context);
        }

        if (FormModelBinderProvider.BindsFromForm(parameter.ParameterType))
        {
            var fromForm = typeof(ActionPlan).GetMethod(nameof(FromForm), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(parameter.ParameterType)
                .CreateDelegate<Func<FormFields, object>>();
            return async context => fromForm(await FormFieldsFromRequest.ReadAsync(context));
        }

        return null;
    }

    private static object FromForm<T>(FormFields form)
        where T : IFormBindable<T> => T.FromForm(form);

    // A typed delegate over the method, through a generic helper per arity: no expression trees
    // to load and compile on the first request.
    private static Func<object, object?[], object>? CompileCall(MethodInfo method)
    {
        var parameters = method.GetParameters();
        var helper = parameters.Length switch
        {
            0 => nameof(Call0),
            1 => nameof(Call1),
            2 => nameof(Call2),
            _ => null,
        };
        if (helper is null)
        {
            return null;
        }

        Type[] types = [method.DeclaringType!, .. parameters.Select(p => p.ParameterType), method.ReturnType];
        return (Func<object, object?[], object>)typeof(ActionPlan).GetMethod(helper, BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(types)
            .Invoke(null, [method])!;
    }

    private static Func<object, object?[], object> Call0<TController, TResult>(MethodInfo method)
        where TResult : class
    {
        var call = method.CreateDelegate<Func<TController, TResult>>();
        return (controller, _) => call((TController)controller);
    }

    private static Func<object, object?[], object> Call1<TController, T0, TResult>(MethodInfo method)
        where TResult : class
    {
        var call = method.CreateDelegate<Func<TController, T0, TResult>>();
        return (controller, arguments) => call((TController)controller, (T0)arguments[0]!);
    }

    private static Func<object, object?[], object> Call2<TController, T0, T1, TResult>(MethodInfo method)
        where TResult : class
    {
        var call = method.CreateDelegate<Func<TController, T0, T1, TResult>>();
        return (controller, arguments) => call((TController)controller, (T0)arguments[0]!, (T1)arguments[1]!);
    }
}
