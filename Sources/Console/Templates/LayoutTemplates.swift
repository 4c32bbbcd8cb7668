/// The frame every page shares, and the pieces several pages use. Every `{{name}}` is
/// HTML-escaped by Mustache; no template uses the triple mustache or `{{&name}}`, so nothing a
/// user wrote reaches the page unescaped (docs/console.md, "Safety").
enum LayoutTemplates {
    static let header = #"""
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}} · host</title>
    <link rel="stylesheet" href="/static/console.css">
    <script src="/static/console.js" defer></script>
    </head>
    <body>
    <a class="skip" href="#main">Skip to content</a>
    <header class="top">
    <a class="brand" href="/">host</a>
    <nav aria-label="Sections"><a href="/">State machines</a> <a href="/functions">Functions</a> <a href="/logs">Logs</a> <a href="/rules">Rules</a> <a href="/events">Events</a> <a href="/tables">Tables</a> <a href="/topics">Topics</a></nav>
    {{#showSignOut}}<form method="post" action="/logout" class="signout"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Sign out</button></form>{{/showSignOut}}
    </header>
    <main id="main" tabindex="-1">

    """#

    static let footer = #"""

    </main>
    </body>
    </html>

    """#

    /// A time: UTC as written, turned into the viewer's zone by console.js, UTC kept on hover.
    static let time = #"<time datetime="{{iso}}" title="{{iso}}">{{iso}}</time>"#

    /// One cluster of a diagram (recursive through `{{> cluster}}`): its nodes as links to the
    /// state's details, each with its outgoing transitions.
    static let cluster = #"""
    <ol class="cluster c-{{clusterKind}}{{#clusterHasStatus}} s-{{clusterStatus}}{{/clusterHasStatus}}">
    {{#clusterHasLabel}}<li class="caption">{{clusterLabel}}</li>{{/clusterHasLabel}}
    {{#items}}{{#node}}<li class="node-item"><a class="node k-{{nodeKind}}{{#nodeHasStatus}} s-{{nodeStatus}}{{/nodeHasStatus}}" id="node-{{nodeId}}" href="#state-{{nodeId}}" data-state="{{nodeId}}">{{nodeTitle}}</a>
    {{#nodeNotes}}<small class="note">{{.}}</small>{{/nodeNotes}}
    {{#nodeEdges}}<span class="edge e-{{edgeKind}}{{#edgeTaken}} taken{{/edgeTaken}}">→ {{edgeTo}}{{#edgeHasLabel}} <em>{{edgeLabel}}</em>{{/edgeHasLabel}}</span>{{/nodeEdges}}
    </li>{{/node}}{{#cluster}}<li class="cluster-item">{{> cluster}}</li>{{/cluster}}{{/items}}
    </ol>
    """#

    /// The legend of a diagram that shows an execution.
    static let legend = #"""
    {{#hasLegend}}<ul class="legend" aria-label="Legend">{{#legend}}<li><span class="swatch s-{{key}}"></span>{{caption}}</li>{{/legend}}</ul>{{/hasLegend}}
    """#

    static let notFound = #"""
    {{> header}}
    <h1>{{title}}</h1>
    <p class="error" role="alert">{{message}}</p>
    <p><a href="/">State machines</a></p>
    {{> footer}}
    """#

    static let login = #"""
    {{> header}}
    <h1>Sign in</h1>
    <p>This server listens beyond loopback: sign in with an access key of the workspace's credentials.</p>
    <form method="post" action="/login" class="login">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <label for="accessKeyId">Access key ID</label>
    <input id="accessKeyId" name="accessKeyId" autocomplete="username" value="{{accessKeyId}}" required>
    <label for="secretAccessKey">Secret access key</label>
    <input id="secretAccessKey" name="secretAccessKey" type="password" autocomplete="current-password" required>
    {{#hasError}}<p class="error" role="alert">{{error}}</p>{{/hasError}}
    <button type="submit">Sign in</button>
    </form>
    {{> footer}}
    """#
}
