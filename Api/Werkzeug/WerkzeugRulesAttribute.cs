namespace Api.Werkzeug;

/// <summary>Werkzeug's paths, route values and forms on the tutorial's controllers; other controllers are as in any app.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class WerkzeugRulesAttribute : Attribute, IControllerModelConvention
{
    public void Apply(ControllerModel controller)
    {
        ArgumentNullException.ThrowIfNull(controller);
        foreach (var action in controller.Actions)
        {
            foreach (var path in action.Parameters.Select(p => p.BindingInfo).Where(binding => binding?.BindingSource == BindingSource.Path)) path!.BinderType = typeof(RouteValueBinder);
            action.Filters.Add(action.Parameters.Any(p => p.BindingInfo?.BindingSource == BindingSource.Form) ? new WerkzeugFormFilter() : new WerkzeugNoFormFilter());
        }
    }
}
