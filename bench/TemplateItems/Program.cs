using Microsoft.EntityFrameworkCore;
using TemplateItems.Models;

var builder = WebApplication.CreateBuilder(args);

// Add services to the container.

builder.Services.AddControllers();
// Learn more about configuring OpenAPI at https://aka.ms/aspnet/openapi
builder.Services.AddOpenApi();

// The API's settings: Database:Provider (Sqlite, the default, or Postgres) and ConnectionStrings:Items.
var connectionString = builder.Configuration.GetConnectionString("Items");
if (string.Equals(builder.Configuration["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase))
{
    builder.Services.AddDbContext<ItemsContext>(options => options.UseNpgsql(connectionString));
}
else
{
    builder.Services.AddDbContext<ItemsContext>(options => options.UseSqlite(connectionString));
}

var app = builder.Build();

// Configure the HTTP request pipeline.
if (app.Environment.IsDevelopment())
{
    app.MapOpenApi();
}

app.UseHttpsRedirection();

app.UseAuthorization();

app.MapControllers();

// The answer bench/lib.sh's start_server waits for.
app.MapGet("/", () => "Hello World");

app.Run();
