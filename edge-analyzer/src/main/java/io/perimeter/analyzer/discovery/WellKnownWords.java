package io.perimeter.analyzer.discovery;

/**
 * Words that name API resources and actions ({@code users}, {@code orders}, {@code search},
 * {@code me}, {@code health}, …). A path segment made of such words — alone or joined by {@code -}
 * or {@code _}, as in {@code payment-methods} or {@code reset_password} — always stays literal: it is
 * never merged into a parameter by cardinality, and under a merged parameter it is routed to a literal
 * again.
 *
 * <p>Look-ups are case-insensitive, work on a region of a string and allocate nothing. Immutable and
 * thread-safe.
 */
final class WellKnownWords {

    /** Lower case; kept in one place so that docs/discovery.md can point at it. */
    private static final String[] WORDS = {
        // structure and versions
        "api", "apis", "rest", "graphql", "grpc", "rpc", "soap", "ws", "wss", "websocket", "v", "public", "private",
        "internal", "external", "admin", "management", "manage", "console", "portal", "dashboard", "app", "apps",
        "web", "mobile", "static", "assets", "resources", "resource", "service", "services", "gateway", "proxy",
        "default", "global", "system", "core", "common", "shared", "local", "remote", "root", "base",
        // identity and access
        "me", "self", "my", "current", "whoami", "user", "users", "account", "accounts", "profile", "profiles",
        "member", "members", "people", "person", "persons", "customer", "customers", "client", "clients",
        "tenant", "tenants", "org", "orgs", "organization", "organizations", "organisation", "organisations",
        "team", "teams", "group", "groups", "role", "roles", "permission", "permissions", "policy", "policies",
        "auth", "authn", "authz", "authorize", "authorise", "authorization", "authentication", "oauth", "oauth2",
        "oidc", "openid", "saml", "sso", "login", "logout", "signin", "signout", "signup", "sign", "in", "out",
        "up", "register", "registration", "token", "tokens", "refresh", "revoke", "introspect", "userinfo",
        "jwks", "certs", "keys", "key", "callback", "redirect", "session", "sessions", "password", "passwords",
        "reset", "forgot", "change", "verify", "verification", "confirm", "confirmation", "mfa", "2fa", "otp",
        "totp", "invite", "invites", "invitation", "invitations", "consent", "consents", "credentials",
        "identity", "identities", "device", "devices", "secrets", "secret", "apikeys",
        // commerce and money
        "product", "products", "catalog", "catalogue", "category", "categories", "item", "items", "sku", "skus",
        "inventory", "stock", "price", "prices", "pricing", "cart", "carts", "basket", "checkout", "order",
        "orders", "payment", "payments", "pay", "charge", "charges", "refund", "refunds", "invoice", "invoices",
        "billing", "bill", "bills", "subscription", "subscriptions", "plan", "plans", "coupon", "coupons",
        "discount", "discounts", "promotion", "promotions", "shipping", "shipment", "shipments", "delivery",
        "deliveries", "tracking", "address", "addresses", "wallet", "wallets", "balance", "balances",
        "transaction", "transactions", "transfer", "transfers", "card", "cards", "bank", "banks", "loan", "loans",
        "statement", "statements", "quote", "quotes", "rates", "rate", "fx", "currency", "currencies", "tax",
        "taxes", "fees", "fee", "payout", "payouts", "dispute", "disputes", "upcoming", "methods", "method",
        "intents", "intent", "sources", "source", "customer_id", "vendors", "vendor", "merchant", "merchants",
        "store", "stores", "shop", "shops", "review", "reviews", "rating", "ratings", "wishlist", "favorites",
        "favourites",
        // content and social
        "post", "posts", "comment", "comments", "article", "articles", "blog", "blogs", "page", "pages", "news",
        "feed", "feeds", "timeline", "story", "stories", "tag", "tags", "topic", "topics", "thread", "threads",
        "message", "messages", "chat", "chats", "conversation", "conversations", "channel", "channels", "room",
        "rooms", "notification", "notifications", "alert", "alerts", "event", "events", "activity",
        "activities", "follow", "followers", "following", "friends", "like", "likes", "share", "shares",
        "media", "image", "images", "photo", "photos", "video", "videos", "audio", "file", "files", "document",
        "documents", "docs", "doc", "attachment", "attachments", "upload", "uploads", "download", "downloads",
        "avatar", "avatars", "thumbnail", "thumbnails", "preview", "content", "contents", "folder", "folders",
        "children", "parent", "versions", "version", "revisions", "revision", "history", "_history", "template",
        "templates", "mail", "mails", "email", "emails", "sms", "push", "mailbox", "mailboxes", "inbox",
        "outbox", "drafts", "draft", "suggestions", "recommendations", "trending", "popular", "featured",
        "latest", "recent", "top", "hot", "explore", "discover", "bookmarks",
        // code and projects
        "project", "projects", "repo", "repos", "repository", "repositories", "issue", "issues", "pull",
        "pulls", "merge", "merges", "commit", "commits", "branch", "branches", "release", "releases", "build",
        "builds", "pipeline", "pipelines", "job", "jobs", "task", "tasks", "run", "runs", "workflow", "workflows",
        "deploy", "deployment", "deployments", "environment", "environments", "blob", "tree", "raw", "compare",
        "diff", "labels", "label", "milestones", "milestone", "contributors", "stars", "forks", "watchers",
        "board", "boards", "sprint", "sprints", "ticket", "tickets", "workspace", "workspaces",
        // operations
        "health", "healthz", "healthcheck", "ready", "readyz", "readiness", "live", "livez", "liveness", "ping",
        "status", "metrics", "prometheus", "info", "env", "actuator", "debug", "trace", "traces", "logs", "log",
        "loggers", "audit", "audits", "config", "configs", "configuration", "settings", "preferences",
        "options", "features", "flags", "feature", "flag", "well-known", ".well-known", "openid-configuration",
        "openapi", "swagger", "swagger-ui", "schema", "schemas", "spec", "favicon.ico", "robots.txt",
        "sitemap.xml", "index.html", "manifest.json", "stats", "statistics", "analytics", "report", "reports",
        "usage", "quota", "quotas", "limits", "limit", "webhook", "webhooks", "hooks", "hook", "integrations",
        "integration", "plugins", "plugin", "queue", "queues", "cache", "caches", "nodes", "node",
        "cluster", "clusters", "instances", "instance", "regions", "region", "zones", "zone", "metadata",
        "capabilities", "batch", "bulk", "export", "exports", "import", "imports", "sync", "backup", "backups",
        "restore", "migrate", "migrations", "maintenance", "sitemap", "robots",
        // verbs and qualifiers
        "search", "query", "find", "lookup", "list", "all", "any", "count", "summary", "details", "detail",
        "overview", "create", "add", "new", "edit", "update", "delete", "remove", "cancel", "close", "open",
        "start", "stop", "pause", "resume", "retry", "approve", "reject", "accept", "decline", "submit",
        "send", "resend", "publish", "unpublish", "archive", "unarchive", "activate", "deactivate", "enable",
        "disable", "lock", "unlock", "assign", "unassign", "attach", "detach", "link", "unlink", "validate",
        "validation", "check", "test", "render", "generate", "estimate", "calculate", "complete",
        "capture", "void", "pending", "active", "inactive", "archived", "deleted", "mine",
        "by", "for", "with", "to", "from", "at", "of", "and", "or", "the", "a", "id", "ids", "name",
        "names", "type", "types", "kind", "state", "states", "filter", "filters", "sort", "facets",
        "autocomplete", "suggest", "next", "previous", "first", "last", "random", "exists", "available",
        "availability", "schedule", "schedules", "calendar", "calendars", "slots", "booking", "bookings",
        "reservation", "reservations", "appointment", "appointments", "locations", "location", "places",
        "place", "countries", "country", "cities", "city", "languages", "language", "locales", "locale",
        "timezones", "units", "contacts", "contact", "support", "help", "faq", "terms", "privacy", "legal",
        "home", "about", "landing", "go", "r", "s", "u", "p", "c", "t", "e", "x",
        // health and data standards
        "fhir", "patient", "patients", "observation", "observations", "encounter", "encounters", "practitioner",
        "practitioners", "condition", "conditions", "medication", "medications", "_search",
        "$everything", "$validate", "capabilitystatement", "bundle", "r4", "stu3", "dstu2",
        // common tokens with digits, protocols and formats
        "s3", "ec2", "k8s", "i18n", "l10n", "e2e", "b2b", "b2c", "p2p", "x509", "sha1", "sha256", "sha512",
        "md5", "base64", "utf8", "ipv4", "ipv6", "http2", "h2", "mp3", "mp4", "jpeg", "jpg", "png", "gif",
        "webp", "svg", "pdf", "csv", "json", "xml", "yaml", "html", "txt", "zip", "ics", "rss", "atom", "3ds",
        "3ds2", "psd2", "sepa", "iso20022", "json-ld", "jsonld", "ndjson", "protobuf", "proto", "oas3",
        "web3", "ws2", "cdn", "dns", "tls", "ssl", "ssh", "gpg", "pgp", "ldap", "scim", "scim2"
    };

    private static final String[] TABLE = build();

    private WellKnownWords() {}

    /** The words, lower case (a copy). */
    static String[] words() {
        return WORDS.clone();
    }

    /** True when {@code s} as a whole is a well-known word or a compound of them. */
    static boolean contains(String s) {
        return contains(s, 0, s.length());
    }

    /**
     * True when {@code s[from, to)} is a well-known word, or consists only of well-known words joined by
     * {@code -} or {@code _} (empty parts, as in {@code _search}, are ignored).
     */
    static boolean contains(String s, int from, int to) {
        if (to <= from) {
            return false;
        }
        if (lookup(s, from, to)) {
            return true;
        }
        int parts = 0;
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || s.charAt(i) == '-' || s.charAt(i) == '_') {
                if (i > start) {
                    if (!lookup(s, start, i)) {
                        return false;
                    }
                    parts++;
                }
                start = i + 1;
            }
        }
        return parts > 1;
    }

    private static boolean lookup(String s, int from, int to) {
        int len = to - from;
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + lower(s.charAt(i));
        }
        int mask = TABLE.length - 1;
        for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
            String w = TABLE[slot];
            if (w == null) {
                return false;
            }
            if (w.length() == len && w.regionMatches(true, 0, s, from, len)) {
                return true;
            }
        }
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    private static String[] build() {
        int size = Integer.highestOneBit(WORDS.length * 4);
        String[] table = new String[size];
        for (String w : WORDS) {
            int slot = spread(w.hashCode()) & (size - 1);
            while (table[slot] != null && !table[slot].equals(w)) {
                slot = (slot + 1) & (size - 1);
            }
            table[slot] = w;
        }
        return table;
    }
}
