namespace Api.Forms;

/// <summary>Reads a request's form text fields the way Flask's <c>request.form</c> sees them.</summary>
public interface IFormFieldReader
{
    Task<FormFields> ReadAsync(HttpRequest request, CancellationToken cancellationToken);
}
