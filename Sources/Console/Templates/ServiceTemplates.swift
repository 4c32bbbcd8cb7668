/// The pages of the workspace's tables (DynamoDB) and topics (SNS, IoT) (docs/console.md).
enum ServiceTemplates {
    static let tables = #"""
    {{> header}}
    <h1>Tables</h1>
    {{^tables}}<p>No tables yet: declare one in tables/ (CreateTable's KeySchema and AttributeDefinitions).</p>{{/tables}}
    {{#hasTables}}
    <table class="tables">
    <thead><tr><th scope="col">Name</th><th scope="col">Partition key</th><th scope="col">Sort key</th></tr></thead>
    <tbody>
    {{#tables}}<tr><td><a href="/tables/{{segment}}">{{name}}</a></td>
    {{#hasProblem}}<td colspan="2"><pre class="error">{{problem}}</pre></td>{{/hasProblem}}
    {{^hasProblem}}{{#keys}}<td>{{attribute}} ({{type}})</td>{{/keys}}{{/hasProblem}}</tr>
    {{/tables}}
    </tbody>
    </table>
    {{/hasTables}}
    {{> footer}}
    """#

    static let table = #"""
    {{> header}}
    <h1>{{name}}</h1>
    {{#hasProblem}}<p class="error" role="alert" id="table-error">{{problem}}</p>{{/hasProblem}}
    {{^hasProblem}}
    <p class="meta"><code>{{arn}}</code></p>
    <section aria-labelledby="keys-heading">
    <h2 id="keys-heading">Key schema</h2>
    <table class="key-schema">
    <thead><tr><th scope="col">AttributeName</th><th scope="col">KeyType</th><th scope="col">AttributeType</th></tr></thead>
    <tbody>{{#keys}}<tr><td>{{attribute}}</td><td>{{keyType}} ({{role}})</td><td>{{type}}</td></tr>{{/keys}}</tbody>
    </table>
    </section>
    <section aria-labelledby="items-heading">
    <h2 id="items-heading">Items</h2>
    {{#hasItemsProblem}}<p class="error" role="alert" id="items-error">{{itemsProblem}}</p>{{/hasItemsProblem}}
    {{^hasItemsProblem}}
    {{^items}}<p>No items{{#first}} after this key{{/first}}.</p>{{/items}}
    {{#hasItems}}
    <p class="meta" id="items-returned">Items returned: {{count}}, in key order.</p>
    <table class="items">
    <thead><tr>{{#keyNames}}<th scope="col">{{.}}</th>{{/keyNames}}<th scope="col">Item (DynamoDB JSON)</th></tr></thead>
    <tbody>
    {{#items}}<tr>{{#key}}<td>{{.}}</td>{{/key}}<td><pre class="item">{{json}}</pre></td></tr>
    {{/items}}
    </tbody>
    </table>
    {{/hasItems}}
    {{/hasItemsProblem}}
    <nav class="pages" aria-label="Pages">{{#first}}<a href="/tables/{{segment}}">First page</a> {{/first}}{{#next}}<a href="/tables/{{segment}}?start={{start}}" rel="next">Next page</a>{{/next}}</nav>
    </section>
    {{/hasProblem}}
    {{> footer}}
    """#

    static let topics = #"""
    {{> header}}
    <h1>Topics</h1>
    {{^topics}}<p>No topics yet: declare one in topics/.</p>{{/topics}}
    {{#hasTopics}}
    <table class="topics">
    <thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">ARN</th><th scope="col">Subscriptions</th></tr></thead>
    <tbody>
    {{#topics}}<tr><td><a href="/topics/{{segment}}">{{name}}</a></td>
    {{#hasProblem}}<td colspan="3"><pre class="error">{{problem}}</pre></td>{{/hasProblem}}
    {{^hasProblem}}<td>{{type}}</td><td><code>{{arn}}</code></td><td>{{subscriptions}}</td>{{/hasProblem}}</tr>
    {{/topics}}
    </tbody>
    </table>
    {{/hasTopics}}
    {{> footer}}
    """#

    static let topic = #"""
    {{> header}}
    <h1>{{name}}</h1>
    {{#hasProblem}}<p class="error" role="alert" id="topic-error">{{problem}}</p>{{/hasProblem}}
    {{^hasProblem}}
    <p class="meta">{{type}} topic · <code>{{arn}}</code>{{#hasDeadLetters}} · <a href="/events#dead-letters">{{deadLetters}} failed deliveries</a>{{/hasDeadLetters}}</p>
    {{#isSNS}}
    <section aria-labelledby="subscriptions-heading">
    <h2 id="subscriptions-heading">Subscriptions</h2>
    {{^subscriptions}}<p>No subscriptions.</p>{{/subscriptions}}
    {{#hasSubscriptions}}
    <table class="subscriptions">
    <thead><tr><th scope="col">Protocol</th><th scope="col">Endpoint</th><th scope="col">Subscription ARN</th></tr></thead>
    <tbody>{{#subscriptions}}<tr><td>{{protocol}}</td><td><a href="/functions/{{functionSegment}}">{{endpoint}}</a></td><td><code>{{subscriptionArn}}</code></td></tr>{{/subscriptions}}</tbody>
    </table>
    {{/hasSubscriptions}}
    </section>
    {{/isSNS}}
    <section aria-labelledby="messages-heading">
    <h2 id="messages-heading">Messages published</h2>
    {{#hasMessagesProblem}}<p class="error" role="alert">{{messagesProblem}}</p>{{/hasMessagesProblem}}
    {{^messages}}<p>No messages yet.</p>{{/messages}}
    {{#hasMessages}}
    <p class="meta">Newest first ({{total}} in all).</p>
    <table class="messages">
    <thead><tr><th scope="col">Timestamp</th><th scope="col">MessageId</th><th scope="col">Subject</th><th scope="col">Message</th><th scope="col">Attributes</th></tr></thead>
    <tbody>
    {{#messages}}<tr><td>{{#time}}{{> time}}{{/time}}</td><td><code>{{messageId}}</code></td><td>{{subject}}</td><td><pre class="message">{{message}}</pre></td>
    <td>{{#hasAttributes}}<details><summary>Attributes</summary><pre>{{attributes}}</pre></details>{{/hasAttributes}}</td></tr>
    {{/messages}}
    </tbody>
    </table>
    {{/hasMessages}}
    <nav class="pages" aria-label="Pages">{{#newer}}<a href="/topics/{{segment}}{{query}}" rel="prev">Newer</a> {{/newer}}{{#older}}<a href="/topics/{{segment}}{{query}}" rel="next">Older</a>{{/older}}</nav>
    </section>
    {{/hasProblem}}
    {{> footer}}
    """#
}
