/// A token of a DynamoDB expression.
struct ExpressionToken: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        /// A plain attribute name, a keyword (`AND`, `SET`) or a function name.
        case identifier
        /// `#name`: an expression attribute name.
        case namePlaceholder
        /// `:value`: an expression attribute value.
        case valuePlaceholder
        /// Digits: a list index.
        case integer
        /// `( ) [ ] , . = <> < <= > >= + -`
        case symbol
        /// A character no token starts with.
        case unknown
        case end
    }

    var kind: Kind
    var text: String
    /// Offsets of the token's first and past-last character in the expression.
    var start: Int
    var end: Int

    /// Whether this is the keyword `word` (keywords are not case-sensitive).
    func isKeyword(_ word: String) -> Bool {
        kind == .identifier && text.uppercased() == word
    }

    func isSymbol(_ symbol: String) -> Bool { kind == .symbol && text == symbol }
}

/// Splits an expression into tokens.
enum ExpressionLexer {
    static let keywords: Set<String> = ["AND", "OR", "NOT", "BETWEEN", "IN", "SET", "REMOVE", "ADD", "DELETE"]

    static func tokens(_ text: String) -> [ExpressionToken] {
        let characters = Array(text)
        var tokens: [ExpressionToken] = []
        var i = 0
        func isWord(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || c == "_") }
        while i < characters.count {
            let c = characters[i]
            if c.isWhitespace {
                i += 1
                continue
            }
            let start = i
            let kind: ExpressionToken.Kind
            if c.isASCII && (c.isLetter || c == "_") {
                while i < characters.count && isWord(characters[i]) { i += 1 }
                kind = .identifier
            } else if c.isASCII && c.isNumber {
                while i < characters.count && characters[i].isASCII && characters[i].isNumber { i += 1 }
                kind = .integer
            } else if c == "#" || c == ":" {
                i += 1
                while i < characters.count && isWord(characters[i]) { i += 1 }
                kind = i - start == 1 ? .unknown : c == "#" ? .namePlaceholder : .valuePlaceholder
            } else if c == "<" || c == ">" {
                i += 1
                if i < characters.count && (characters[i] == "=" || (c == "<" && characters[i] == ">")) { i += 1 }
                kind = .symbol
            } else if "()[],.=+-".contains(c) {
                i += 1
                kind = .symbol
            } else {
                i += 1
                kind = .unknown
            }
            tokens.append(ExpressionToken(kind: kind, text: String(characters[start..<i]), start: start, end: i))
        }
        tokens.append(ExpressionToken(kind: .end, text: "<EOF>", start: characters.count, end: characters.count))
        return tokens
    }

    /// DynamoDB's syntax error: the token, and the text around it from the token before it to
    /// the one after (`Syntax error; token: "#", near: ", #,"`).
    static func syntaxError(at index: Int, in tokens: [ExpressionToken], source: String) -> String {
        let characters = Array(source)
        let token = tokens[index]
        let from = index > 0 ? tokens[index - 1].start : token.start
        let to = index + 1 < tokens.count && tokens[index + 1].kind != .end ? tokens[index + 1].end : token.end
        let near = String(characters[min(from, characters.count)..<min(to, characters.count)])
        return "Syntax error; token: \"\(token.text)\", near: \"\(near)\""
    }
}

/// DynamoDB's reserved words: "Don't use any of these words as attribute names in
/// expressions. This list isn't case-sensitive." (developer guide, Reserved words in
/// DynamoDB). An expression that names an attribute with one of them directly, rather than
/// through an `#alias`, fails with "Attribute name is a reserved keyword; reserved keyword: …",
/// so a function that passes here passes in AWS too.
enum ReservedWords {
    static let all: Set<String> = Set("""
        ABORT ABSOLUTE ACTION ADD AFTER AGENT AGGREGATE ALL ALLOCATE ALTER ANALYZE AND ANY ARCHIVE ARE ARRAY AS
        ASC ASCII ASENSITIVE ASSERTION ASYMMETRIC AT ATOMIC ATTACH ATTRIBUTE AUTH AUTHORIZATION AUTHORIZE AUTO
        AVG BACK BACKUP BASE BATCH BEFORE BEGIN BETWEEN BIGINT BINARY BIT BLOB BLOCK BOOLEAN BOTH BREADTH BUCKET
        BULK BY BYTE CALL CALLED CALLING CAPACITY CASCADE CASCADED CASE CAST CATALOG CHAR CHARACTER CHECK CLASS
        CLOB CLOSE CLUSTER CLUSTERED CLUSTERING CLUSTERS COALESCE COLLATE COLLATION COLLECTION COLUMN COLUMNS
        COMBINE COMMENT COMMIT COMPACT COMPILE COMPRESS CONDITION CONFLICT CONNECT CONNECTION CONSISTENCY
        CONSISTENT CONSTRAINT CONSTRAINTS CONSTRUCTOR CONSUMED CONTINUE CONVERT COPY CORRESPONDING COUNT COUNTER
        CREATE CROSS CUBE CURRENT CURSOR CYCLE DATA DATABASE DATE DATETIME DAY DEALLOCATE DEC DECIMAL DECLARE
        DEFAULT DEFERRABLE DEFERRED DEFINE DEFINED DEFINITION DELETE DELIMITED DEPTH DEREF DESC DESCRIBE
        DESCRIPTOR DETACH DETERMINISTIC DIAGNOSTICS DIRECTORIES DISABLE DISCONNECT DISTINCT DISTRIBUTE DO DOMAIN
        DOUBLE DROP DUMP DURATION DYNAMIC EACH ELEMENT ELSE ELSEIF EMPTY ENABLE END EQUAL EQUALS ERROR ESCAPE
        ESCAPED EVAL EVALUATE EXCEEDED EXCEPT EXCEPTION EXCEPTIONS EXCLUSIVE EXEC EXECUTE EXISTS EXIT EXPLAIN
        EXPLODE EXPORT EXPRESSION EXTENDED EXTERNAL EXTRACT FAIL FALSE FAMILY FETCH FIELDS FILE FILTER FILTERING
        FINAL FINISH FIRST FIXED FLATTERN FLOAT FOR FORCE FOREIGN FORMAT FORWARD FOUND FREE FROM FULL FUNCTION
        FUNCTIONS GENERAL GENERATE GET GLOB GLOBAL GO GOTO GRANT GREATER GROUP GROUPING HANDLER HASH HAVE HAVING
        HEAP HIDDEN HOLD HOUR IDENTIFIED IDENTITY IF IGNORE IMMEDIATE IMPORT IN INCLUDING INCLUSIVE INCREMENT
        INCREMENTAL INDEX INDEXED INDEXES INDICATOR INFINITE INITIALLY INLINE INNER INNTER INOUT INPUT
        INSENSITIVE INSERT INSTEAD INT INTEGER INTERSECT INTERVAL INTO INVALIDATE IS ISOLATION ITEM ITEMS
        ITERATE JOIN KEY KEYS LAG LANGUAGE LARGE LAST LATERAL LEAD LEADING LEAVE LEFT LENGTH LESS LEVEL LIKE
        LIMIT LIMITED LINES LIST LOAD LOCAL LOCALTIME LOCALTIMESTAMP LOCATION LOCATOR LOCK LOCKS LOG LOGED LONG
        LOOP LOWER MAP MATCH MATERIALIZED MAX MAXLEN MEMBER MERGE METHOD METRICS MIN MINUS MINUTE MISSING MOD
        MODE MODIFIES MODIFY MODULE MONTH MULTI MULTISET NAME NAMES NATIONAL NATURAL NCHAR NCLOB NEW NEXT NO
        NONE NOT NULL NULLIF NUMBER NUMERIC OBJECT OF OFFLINE OFFSET OLD ON ONLINE ONLY OPAQUE OPEN OPERATOR
        OPTION OR ORDER ORDINALITY OTHER OTHERS OUT OUTER OUTPUT OVER OVERLAPS OVERRIDE OWNER PAD PARALLEL
        PARAMETER PARAMETERS PARTIAL PARTITION PARTITIONED PARTITIONS PATH PERCENT PERCENTILE PERMISSION
        PERMISSIONS PIPE PIPELINED PLAN POOL POSITION PRECISION PREPARE PRESERVE PRIMARY PRIOR PRIVATE
        PRIVILEGES PROCEDURE PROCESSED PROJECT PROJECTION PROPERTY PROVISIONING PUBLIC PUT QUERY QUIT QUORUM
        RAISE RANDOM RANGE RANK RAW READ READS REAL REBUILD RECORD RECURSIVE REDUCE REF REFERENCE REFERENCES
        REFERENCING REGEXP REGION REINDEX RELATIVE RELEASE REMAINDER RENAME REPEAT REPLACE REQUEST RESET
        RESIGNAL RESOURCE RESPONSE RESTORE RESTRICT RESULT RETURN RETURNING RETURNS REVERSE REVOKE RIGHT ROLE
        ROLES ROLLBACK ROLLUP ROUTINE ROW ROWS RULE RULES SAMPLE SATISFIES SAVE SAVEPOINT SCAN SCHEMA SCOPE
        SCROLL SEARCH SECOND SECTION SEGMENT SEGMENTS SELECT SELF SEMI SENSITIVE SEPARATE SEQUENCE SERIALIZABLE
        SESSION SET SETS SHARD SHARE SHARED SHORT SHOW SIGNAL SIMILAR SIZE SKEWED SMALLINT SNAPSHOT SOME SOURCE
        SPACE SPACES SPARSE SPECIFIC SPECIFICTYPE SPLIT SQL SQLCODE SQLERROR SQLEXCEPTION SQLSTATE SQLWARNING
        START STATE STATIC STATUS STORAGE STORE STORED STREAM STRING STRUCT STYLE SUB SUBMULTISET SUBPARTITION
        SUBSTRING SUBTYPE SUM SUPER SYMMETRIC SYNONYM SYSTEM TABLE TABLESAMPLE TEMP TEMPORARY TERMINATED TEXT
        THAN THEN THROUGHPUT TIME TIMESTAMP TIMEZONE TINYINT TO TOKEN TOTAL TOUCH TRAILING TRANSACTION TRANSFORM
        TRANSLATE TRANSLATION TREAT TRIGGER TRIM TRUE TRUNCATE TTL TUPLE TYPE UNDER UNDO UNION UNIQUE UNIT
        UNKNOWN UNLOGGED UNNEST UNPROCESSED UNSIGNED UNTIL UPDATE UPPER URL USAGE USE USER USERS USING UUID
        VACUUM VALUE VALUED VALUES VARCHAR VARIABLE VARIANCE VARINT VARYING VIEW VIEWS VIRTUAL VOID WAIT WHEN
        WHENEVER WHERE WHILE WINDOW WITH WITHIN WITHOUT WORK WRAPPED WRITE YEAR ZONE
        """.split(whereSeparator: \.isWhitespace).map(String.init))

    static func contains(_ name: String) -> Bool { all.contains(name.uppercased()) }
}
