using System.Globalization;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace WatchState.Simulator.Plex;

/// <summary>
/// Writes one MediaContainer either as PMS JSON (attributes are properties, children are arrays named after the
/// JSON key) or as PMS XML (attributes are attributes, children are elements named after the XML tag).
/// </summary>
internal abstract class PlexBodyWriter : IAsyncDisposable
{
    /// <summary>Opens a child list, e.g. JSON "Metadata" / XML elements of several tags.</summary>
    public abstract void BeginList(string jsonName);

    public abstract void EndList();

    /// <summary>Opens one object; <paramref name="xmlTag"/> is the element name in XML (Video, Directory, Guid…).</summary>
    public abstract void BeginElement(string xmlTag);

    public abstract void EndElement();

    /// <summary>Opens a single nested object (JSON <c>"User": {…}</c>, XML <c>&lt;User …/&gt;</c>); close it with <see cref="EndElement"/>.</summary>
    public abstract void BeginChild(string name);

    public abstract void Attr(string name, string value);

    public abstract void Attr(string name, long value);

    public abstract void Attr(string name, bool value);

    public abstract void Attr(string name, double value);

    /// <summary>Pushes what is buffered to the client; a no-op where the whole body is built first.</summary>
    public abstract ValueTask FlushAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    public static PlexBodyWriter For(HttpContext ctx, bool json) => json ? new Json(ctx) : new Xml(ctx);

    /// <summary>Streams JSON straight into the response pipe.</summary>
    private sealed class Json : PlexBodyWriter
    {
        private readonly HttpContext _ctx;
        private readonly Utf8JsonWriter _writer;

        public Json(HttpContext ctx)
        {
            _ctx = ctx;
            ctx.Response.ContentType = "application/json";
            _writer = new Utf8JsonWriter(ctx.Response.BodyWriter, new JsonWriterOptions { SkipValidation = true });
            _writer.WriteStartObject();
            _writer.WriteStartObject("MediaContainer");
        }

        public override void BeginList(string jsonName) => _writer.WriteStartArray(jsonName);

        public override void EndList() => _writer.WriteEndArray();

        public override void BeginElement(string xmlTag) => _writer.WriteStartObject();

        public override void EndElement() => _writer.WriteEndObject();

        public override void BeginChild(string name) => _writer.WriteStartObject(name);

        public override void Attr(string name, string value) => _writer.WriteString(name, value);

        public override void Attr(string name, long value) => _writer.WriteNumber(name, value);

        public override void Attr(string name, bool value) => _writer.WriteBoolean(name, value);

        public override void Attr(string name, double value) => _writer.WriteNumber(name, value);

        public override async ValueTask FlushAsync(CancellationToken cancellationToken)
        {
            _writer.Flush();
            await _ctx.Response.BodyWriter.FlushAsync(cancellationToken);
        }

        public override async ValueTask DisposeAsync()
        {
            _writer.WriteEndObject();
            _writer.WriteEndObject();
            await FlushAsync(_ctx.RequestAborted);
            await _writer.DisposeAsync();
        }
    }

    /// <summary>
    /// Builds the element tree first: PMS JSON puts child arrays before scalar attributes, which an XmlWriter
    /// cannot follow, so each element collects both and is written once complete.
    /// </summary>
    private sealed class Xml : PlexBodyWriter
    {
        private readonly HttpContext _ctx;
        private readonly Stack<XElement> _open = new();
        private readonly XElement _root = new("MediaContainer");

        public Xml(HttpContext ctx)
        {
            _ctx = ctx;
            ctx.Response.ContentType = "text/xml;charset=utf-8";
            _open.Push(_root);
        }

        public override void BeginList(string jsonName)
        {
        }

        public override void EndList()
        {
        }

        public override void BeginElement(string xmlTag)
        {
            var element = new XElement(xmlTag);
            _open.Peek().Add(element);
            _open.Push(element);
        }

        public override void EndElement() => _open.Pop();

        public override void BeginChild(string name) => BeginElement(name);

        public override void Attr(string name, string value) => _open.Peek().SetAttributeValue(name, value);

        public override void Attr(string name, long value) => _open.Peek().SetAttributeValue(name, value.ToString(CultureInfo.InvariantCulture));

        // PMS writes booleans as 0/1 in XML.
        public override void Attr(string name, bool value) => _open.Peek().SetAttributeValue(name, value ? "1" : "0");

        public override void Attr(string name, double value) => _open.Peek().SetAttributeValue(name, value.ToString(CultureInfo.InvariantCulture));

        public override ValueTask FlushAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public override async ValueTask DisposeAsync()
        {
            // Attributes first, then children, as in a PMS document.
            var settings = new XmlWriterSettings { Async = true, Encoding = new System.Text.UTF8Encoding(false) };
            await using var writer = XmlWriter.Create(_ctx.Response.Body, settings);
            await new XDocument(new XDeclaration("1.0", "UTF-8", null), _root).SaveAsync(writer, _ctx.RequestAborted);
        }
    }
}
