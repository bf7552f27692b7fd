using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace Api.Werkzeug.Converters;

/// <summary>
/// One of Werkzeug's URL converters as ASP.NET Core sees it: a route constraint that accepts
/// exactly the segments the converter accepts and, as it matches, puts the converted value in the
/// route values, so that the model binder takes it from there and the segment is converted once.
/// </summary>
public abstract class WerkzeugConverter<T> : IRouteConstraint, IModelBinder
{
    /// <summary>The parameter's schema in the OpenAPI document: what <see cref="TryConvert"/> accepts.</summary>
    public abstract ParameterSchema Schema { get; }

    public abstract bool TryConvert(string segment, [MaybeNullWhen(false)] out T value);

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!values.TryGetValue(routeKey, out var raw) || raw is not string segment || !TryConvert(segment, out var value))
        {
            return false;
        }

        values[routeKey] = value;
        return true;
    }

    /// <summary>
    /// Binds the route value the constraint converted, or, for a parameter without a constraint
    /// (Werkzeug's default converter), the segment as routing decoded it. Nothing is left for MVC's
    /// validation to walk: the value is already what the converter accepts.
    /// </summary>
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        if (bindingContext.ActionContext.RouteData.Values.GetValueOrDefault(bindingContext.FieldName) is T value)
        {
            object model = value;
            bindingContext.Result = ModelBindingResult.Success(model);
            bindingContext.ValidationState[model] = new ValidationStateEntry { SuppressValidation = true };
        }

        return Task.CompletedTask;
    }
}
