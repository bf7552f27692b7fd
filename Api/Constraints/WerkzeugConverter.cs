using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Api.Constraints;

/// <summary>
/// One of Werkzeug's URL converters as ASP.NET Core sees it: a route constraint that accepts
/// exactly the segments the converter accepts, and the model binder that turns the accepted
/// segment into the converter's value, so routing and binding never disagree.
/// </summary>
public abstract class WerkzeugConverter<T> : IRouteConstraint, IModelBinder, IRouteValueConverter
{
    /// <summary>The parameter's schema in the OpenAPI document: what <see cref="TryConvert"/> accepts.</summary>
    public abstract ParameterSchema Schema { get; }

    public abstract bool TryConvert(string segment, [MaybeNullWhen(false)] out T value);

    public bool TryConvertValue(string segment, out object? value)
    {
        var converted = TryConvert(segment, out var typed);
        value = typed;
        return converted;
    }

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.TryGetValue(routeKey, out var raw) && raw is string segment && TryConvert(segment, out _);
    }

    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        var raw = bindingContext.ValueProvider.GetValue(bindingContext.ModelName).FirstValue;
        bindingContext.Result = raw is not null && TryConvert(raw, out var value)
            ? ModelBindingResult.Success(value)
            : ModelBindingResult.Failed();
        return Task.CompletedTask;
    }
}
