package wire

// TypeShare names a Share message.
const TypeShare = "share/1"

// Share asks the provider holding an earlier stage's outputs to let
// Reader fetch them: the consumer sends it on its task session with that
// provider before it assigns a later stage's task to Reader. A provider
// grants only blobs the sending consumer may read itself (outputs it
// released to it), so a consumer shares what it paid for and strangers
// still read nothing.
type Share struct {
	Reader string `json:"reader"` // peer ID of the later stage's provider
	CIDs   []CID  `json:"cids"`
}

// MaxShareCIDs bounds one Share.
const MaxShareCIDs = 4096
