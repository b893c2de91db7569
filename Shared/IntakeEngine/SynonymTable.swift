/// Built-in names for common fields: a header in a group matches a column whose key or label is in it.
enum SynonymTable {
    static let groups: [Set<String>] = [
        ["email", "emailaddress", "mail", "emailid", "contactemail", "workemail", "emailadresse", "mailadresse", "courriel", "correo", "correoelectronico", "adressemail", "adressemail"],
        ["phone", "phonenumber", "mobile", "mobilephone", "mobilenumber", "tel", "telephone", "cell", "cellphone", "phoneno", "telefon", "telefonnummer", "handy", "mobil", "telefono", "telephone", "portable"],
        ["firstname", "givenname", "forename", "fname", "first", "vorname", "prenom", "nombre"],
        ["lastname", "surname", "familyname", "lname", "last", "nachname", "familienname", "nomdefamille", "apellido", "apellidos"],
        ["name", "fullname", "contactname"],
        ["company", "companyname", "organisation", "organization", "org", "employer", "account", "accountname", "business", "firma", "unternehmen", "empresa", "societe", "entreprise"],
        ["website", "url", "web", "homepage", "site", "domain", "webseite", "siteweb"],
        ["address", "streetaddress", "street", "address1", "addressline1", "strasse", "adresse", "direccion"],
        ["city", "town", "locality", "stadt", "ort", "ville", "ciudad"],
        ["zip", "zipcode", "postcode", "postalcode", "postal", "plz", "postleitzahl", "codepostal", "codigopostal"],
        ["country", "countrycode", "nation", "land", "pays", "pais"],
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
