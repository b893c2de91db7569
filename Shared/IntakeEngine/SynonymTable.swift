/// Built-in names for common fields: a header in a group matches a column whose key or label is in it.
enum SynonymTable {
    static let groups: [Set<String>] = [
        ["email", "emailaddress", "mail", "emailid", "contactemail", "workemail"],
        ["phone", "phonenumber", "mobile", "mobilephone", "mobilenumber", "tel", "telephone", "cell", "cellphone", "phoneno"],
        ["firstname", "givenname", "forename", "fname", "first"],
        ["lastname", "surname", "familyname", "lname", "last"],
        ["name", "fullname", "contactname"],
        ["company", "companyname", "organisation", "organization", "org", "employer", "account", "accountname", "business"],
        ["website", "url", "web", "homepage", "site", "domain"],
        ["address", "streetaddress", "street", "address1", "addressline1"],
        ["city", "town", "locality"],
        ["zip", "zipcode", "postcode", "postalcode", "postal"],
        ["country", "countrycode", "nation"],
        ["state", "region", "province", "county"],
        ["title", "jobtitle", "position", "role"],
        ["createdat", "created", "createdon", "datecreated", "signupdate", "signedup", "joined", "joindate"],
        ["birthdate", "dateofbirth", "dob", "birthday"],
        ["amount", "value", "total", "price", "dealvalue", "revenue"],
        ["id", "externalid", "recordid", "customerid", "contactid"],
    ]

    /// Whether `header` and the column's name (both normalised) share a group.
    static func related(_ header: String, _ name: String) -> Bool {
        groups.contains { $0.contains(header) && $0.contains(name) }
    }
}
