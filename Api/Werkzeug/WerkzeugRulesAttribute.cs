namespace Api.Werkzeug;

/// <summary>Werkzeug's rules on the tutorial's controllers: paths match as strictly as Werkzeug's (<see cref="WerkzeugMatcherPolicy"/>), a
/// route parameter binds to the value its converter made (or to the segment as decoded), and a form is read as Werkzeug
/// reads it where an action binds one (<see cref="WerkzeugFormFilter"/>). Other controllers bind and match as in any app.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class WerkzeugRulesAttribute : Attribute, IControllerModelConvention
{
    public void Apply(ControllerModel controller)
    {
        ArgumentNullException.ThrowIfNull(controller);
        foreach (var action in controller.Actions)
        {
            foreach (var parameter in action.Parameters)
            {
                if (parameter.BindingInfo?.BindingSource == BindingSource.Path) parameter.BindingInfo.BinderType = typeof(RouteValueBinder);
            }

            action.Filters.Add(action.Parameters.Any(p => p.BindingInfo?.BindingSource == BindingSource.Form) ? new WerkzeugFormFilter() : new WerkzeugNoFormFilter());
        }
    }
}
