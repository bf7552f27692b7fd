namespace Api.Constraints;

/// <summary>A converter seen without its value type: turns an accepted route segment into its boxed value.</summary>
public interface IRouteValueConverter
{
    bool TryConvertValue(string segment, out object? value);
}
