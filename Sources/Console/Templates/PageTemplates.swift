/// The Step Functions pages: the machines, one machine, one execution (docs/console.md).
enum PageTemplates {
    static let home = #"""
    {{> header}}
    <h1>State machines</h1>
    {{^machines}}<p>No state machines yet: add a definition to machines/.</p>{{/machines}}
    {{#hasMachines}}
    <table class="machines">
    <thead><tr><th scope="col">Name</th><th scope="col">Type</th>{{#statusColumns}}<th scope="col">{{.}}</th>{{/statusColumns}}<th scope="col">Last executions</th></tr></thead>
    <tbody>
    {{#machines}}<tr><td><a href="/machines/{{segment}}">{{name}}</a>{{^runnable}} <span class="badge">not runnable</span>{{/runnable}}</td><td>{{type}}</td>{{#counts}}<td class="count">{{.}}</td>{{/counts}}
    <td>{{#recent}}<a class="badge st-{{status}}" href="/executions/{{segment}}" title="{{status}}">{{name}}</a> {{/recent}}</td></tr>
    {{/machines}}
    </tbody>
    </table>
    {{/hasMachines}}
    {{> footer}}
    """#

    static let machine = #"""
    {{> header}}
    <h1>{{name}}</h1>
    <p class="meta">{{type}} · <code>{{arn}}</code></p>
    <section aria-labelledby="start-heading">
    <h2 id="start-heading">Start execution</h2>
    <form method="post" action="/machines/{{segment}}/executions" class="start" id="start-form">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <label for="execution-name">Name (optional)</label>
    <input id="execution-name" name="name" value="{{startName}}" aria-describedby="name-error">
    {{#hasNameError}}<p id="name-error" class="error" role="alert">{{nameError}}</p>{{/hasNameError}}
    <label for="execution-input">Input (JSON)</label>
    <textarea id="execution-input" name="input" rows="6" spellcheck="false" data-json-for="input-error" aria-describedby="input-error">{{startInput}}</textarea>
    <p id="input-error" class="error" role="alert">{{inputError}}</p>
    <button type="submit">Start execution</button>
    </form>
    </section>
    <section aria-labelledby="graph-heading">
    <h2 id="graph-heading">Graph</h2>
    <div class="graph">{{#graph}}{{> cluster}}{{/graph}}</div>
    </section>
    <section aria-labelledby="executions-heading">
    <h2 id="executions-heading">Executions</h2>
    <nav class="filters" aria-label="Filter by status">{{#filters}}<a href="/machines/{{segment}}{{query}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a> {{/filters}}</nav>
    {{^executions}}<p>No executions{{#filtered}} with this status{{/filtered}}.</p>{{/executions}}
    {{#hasExecutions}}
    <table class="executions">
    <thead><tr><th scope="col">Name</th><th scope="col">Status</th><th scope="col">Started</th><th scope="col">Ended</th></tr></thead>
    <tbody>
    {{#executions}}<tr><td><a href="/executions/{{segment}}">{{name}}</a></td><td><span class="badge st-{{status}}">{{status}}</span></td><td>{{#start}}{{> time}}{{/start}}</td><td>{{#stop}}{{> time}}{{/stop}}</td></tr>
    {{/executions}}
    </tbody>
    </table>
    {{/hasExecutions}}
    <nav class="pages" aria-label="Pages">{{#newer}}<a href="/machines/{{segment}}{{query}}" rel="prev">Newer</a> {{/newer}}{{#older}}<a href="/machines/{{segment}}{{query}}" rel="next">Older</a>{{/older}}</nav>
    </section>
    <section aria-labelledby="definition-heading">
    <h2 id="definition-heading">Definition</h2>
    <ol class="definition">{{#lines}}<li><code>{{.}}</code></li>{{/lines}}</ol>
    </section>
    {{> footer}}
    """#
}
