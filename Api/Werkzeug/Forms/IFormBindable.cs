namespace Api.Werkzeug.Forms;

/// <summary>A form DTO that builds itself from the request's form fields.</summary>
public interface IFormBindable<out TSelf>
    where TSelf : IFormBindable<TSelf>
{
    static abstract TSelf FromForm(FormFields form);
}
